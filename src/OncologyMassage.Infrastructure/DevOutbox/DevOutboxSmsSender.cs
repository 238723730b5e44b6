using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.DevOutbox;

/// <summary>
/// Local and test SMS "delivery": the text stays in the outbox table (where the dashboard shows it) and nothing leaves
/// the machine. The provider id marks it as a dev delivery. <c>Messaging:SmsProvider=Twilio</c> replaces it.
/// </summary>
public sealed partial class DevOutboxSmsSender(ILogger<DevOutboxSmsSender> logger) : ISmsSender
{
    public Task<string> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        LogKept(logger, sms.IdempotencyKey);
        return Task.FromResult("dev-outbox:" + sms.IdempotencyKey);
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "SMS {IdempotencyKey} kept in the dev outbox (not sent)")]
    private static partial void LogKept(ILogger logger, string idempotencyKey);
}
