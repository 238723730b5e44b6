using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.DevOutbox;

/// <summary>
/// Local and test "delivery" of email and SMS: the message stays in the outbox table (where the dashboard shows it) and
/// nothing leaves the machine; the provider id marks it as a dev delivery. <c>Messaging:EmailProvider=SendGrid</c> and
/// <c>Messaging:SmsProvider=Twilio</c> replace it. As a lookup it never has a Pending message: nothing left the machine,
/// so the reconciliation "sends" it again, which only completes the row. No vendor ever reports on these messages, so
/// none needs a provider-id index row (<see cref="ReportsCarryOutboxKey"/>).
/// </summary>
public sealed partial class DevOutboxSender(ILogger<DevOutboxSender> logger) : IEmailSender, ISmsSender, ISmsLookup, IEmailLookup, IOutboxKeyedReports
{
    /// <summary>True: nothing leaves the machine, so no report without the key can come back.</summary>
    public bool ReportsCarryOutboxKey => true;

    public Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken) => Task.FromResult(VendorLookup.NotFound);

    public Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Task.FromResult(Keep("Email", email.IdempotencyKey));
    }

    public Task<string> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        return Task.FromResult(Keep("SMS", sms.IdempotencyKey));
    }

    private string Keep(string channel, string idempotencyKey)
    {
        LogKept(logger, channel, idempotencyKey);
        return "dev-outbox:" + idempotencyKey;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Channel} {IdempotencyKey} kept in the dev outbox (not sent)")]
    private static partial void LogKept(ILogger logger, string channel, string idempotencyKey);
}
