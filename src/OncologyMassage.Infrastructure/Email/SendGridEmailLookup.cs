using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// SendGrid has no message search without the paid Email Activity add-on, so the event webhook is the record: every
/// email SendGrid accepts produces a <c>processed</c> event carrying our <c>idempotency_key</c> custom arg, and that event
/// settles its outbox row. A row still Pending after the reconciliation window therefore had no <c>processed</c> event:
/// SendGrid never took it, and it may be sent now (<see cref="VendorLookupResult.NotFound"/>). That reasoning holds only
/// when the signed event webhook is set up (<c>SendGrid:WebhookPublicKey</c>); without it nothing can be confirmed
/// (<see cref="VendorLookupResult.Unknown"/>) and nothing is resent.
/// </summary>
public sealed class SendGridEmailLookup(IOptions<SendGridOptions> options) : IEmailLookup
{
    public Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken) =>
        Task.FromResult(KeyVaultReferences.ValueOrEmpty(options.Value.WebhookPublicKey).Trim().Length > 0 ? VendorLookup.NotFound : VendorLookup.Unknown);
}
