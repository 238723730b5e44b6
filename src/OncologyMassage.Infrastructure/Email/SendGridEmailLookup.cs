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
/// It also holds only when our webhook could be reached for the whole window: SendGrid retries an event it could not
/// deliver, so while this process has been up for less than <see cref="OutboxOptions.ReconcileAfter"/> (a restart after a
/// crash or a deploy) a missing event proves nothing yet (<see cref="VendorLookupResult.NotYet"/>). The crash suite found
/// this: a host killed mid-send, down for longer than the window, resent on restart an email SendGrid already had.
/// </summary>
public sealed class SendGridEmailLookup(IOptions<SendGridOptions> options, IOptions<OutboxOptions> outbox, TimeProvider clock) : IEmailLookup
{
    /// <summary>Since when this process has been able to receive SendGrid's events (it is a singleton made at start).</summary>
    private readonly DateTimeOffset listeningSince = clock.GetUtcNow();

    public Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (KeyVaultReferences.ValueOrEmpty(options.Value.WebhookPublicKey).Trim().Length == 0)
        {
            return Task.FromResult(VendorLookup.Unknown);
        }

        var watchedSince = row.LastAttemptAt > listeningSince ? row.LastAttemptAt : listeningSince;
        return Task.FromResult(clock.GetUtcNow() - watchedSince >= outbox.Value.ReconcileAfter ? VendorLookup.NotFound : VendorLookup.NotYet);
    }
}
