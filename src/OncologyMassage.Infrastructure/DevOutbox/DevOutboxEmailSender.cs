using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.DevOutbox;

/// <summary>
/// Local and test email "delivery": the message stays in the outbox table (where the dashboard shows it) and nothing
/// leaves the machine. The provider id marks it as a dev delivery. SendGrid replaces it in Azure (the messaging issue).
/// </summary>
public sealed partial class DevOutboxEmailSender(ILogger<DevOutboxEmailSender> logger) : IEmailSender
{
    public Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        LogKept(logger, email.IdempotencyKey);
        return Task.FromResult("dev-outbox:" + email.IdempotencyKey);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Email {IdempotencyKey} kept in the dev outbox (not sent)")]
    private static partial void LogKept(ILogger logger, string idempotencyKey);
}
