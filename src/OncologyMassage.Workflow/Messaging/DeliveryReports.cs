using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>
/// A vendor's report about a message it accepted (Twilio status callback, SendGrid event). <see cref="Permanent"/>
/// marks a failure that will not change by trying again (invalid or unreachable number, bounce): it goes on the timeline.
/// <see cref="ReferralId"/> and <see cref="IdempotencyKey"/> are set when the vendor echoes them (SendGrid custom args).
/// </summary>
public sealed record DeliveryReport(
    MessageChannel Channel,
    string ProviderMessageId,
    OutboxStatus Status,
    string? ErrorCode,
    string? ErrorText,
    bool Permanent,
    DateTimeOffset At,
    string? ReferralId = null,
    string? IdempotencyKey = null);

public enum DeliveryReportOutcome
{
    /// <summary>The outbox row moved forward.</summary>
    Updated,

    /// <summary>The row already had this or a later status (callbacks out of order or repeated).</summary>
    Stale,

    /// <summary>No outbox row for this message id (not ours, or its send crashed before the id was recorded).</summary>
    Unknown,
}

/// <summary>Applies delivery reports to the outbox, forward only, and puts permanent failures on the referral's timeline.</summary>
public sealed partial class DeliveryReports(IMessageOutbox outbox, IReferralStore referrals, IReferralFlags flags, ILogger<DeliveryReports> logger)
{
    public async Task<DeliveryReportOutcome> ApplyAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var row = await outbox.FindByProviderIdAsync(report.ProviderMessageId, cancellationToken);
        if (row is null && report.ReferralId is { Length: > 0 } referralId && report.IdempotencyKey is { Length: > 0 } key)
        {
            row = (await outbox.ListAsync(referralId, cancellationToken)).FirstOrDefault(r => r.IdempotencyKey == key);
        }

        if (row is null)
        {
            LogUnknown(logger, report.ProviderMessageId, report.Status);
            return DeliveryReportOutcome.Unknown;
        }

        var error = report.ErrorCode is null ? null : $"{report.ErrorCode}{(report.ErrorText is null ? "" : " " + report.ErrorText)}";
        var moved = await outbox.RecordDeliveryAsync(row.ReferralId, row.IdempotencyKey, report.Status, error, cancellationToken);
        if (report.Permanent)
        {
            // Keyed by the message, so a repeated callback adds nothing; written even when the row had moved already
            // (an earlier attempt may have failed between the two writes).
            var channel = row.Channel == MessageChannel.Sms ? "A text message" : "An email";
            var reason = report.ErrorCode is null ? report.Status.ToString().ToLowerInvariant() : $"error {report.ErrorCode}{(report.ErrorText is null ? "" : ": " + report.ErrorText)}";
            await referrals.AppendExternalTimelineAsync(row.ReferralId, "delivery-" + report.ProviderMessageId, report.At, TimelineKind.DeliveryFailed,
                $"{channel} could not be delivered ({reason}). Check the client's contact details or reach them another way.", cancellationToken);
            await flags.SetFlagAsync(row.ReferralId, ReferralFlagKind.DeliveryFailed, cancellationToken);
        }

        LogApplied(logger, report.ProviderMessageId, report.Status, moved);
        return moved ? DeliveryReportOutcome.Updated : DeliveryReportOutcome.Stale;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Delivery report for {ProviderMessageId}: {Status}; row moved {Moved}")]
    private static partial void LogApplied(ILogger logger, string providerMessageId, OutboxStatus status, bool moved);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Delivery report for unknown message {ProviderMessageId} ({Status}) ignored")]
    private static partial void LogUnknown(ILogger logger, string providerMessageId, OutboxStatus status);
}
