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

/// <summary>
/// Applies delivery reports to the outbox, forward only, and puts permanent failures on the referral's timeline. A report
/// that carries the outbox key (Twilio: the signed status-callback URL; SendGrid: custom args) finds its row by one point
/// read on (referral, key), whether or not the vendor's id was ever recorded; only a report without the key (a message
/// sent by an older release, or by a sender whose reports lack it) goes through the provider-id index.
/// </summary>
public sealed partial class DeliveryReports(IMessageOutbox outbox, IReferralStore referrals, IReferralFlags flags, ILogger<DeliveryReports> logger)
{
    public async Task<DeliveryReportOutcome> ApplyAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var row = report.ReferralId is { Length: > 0 } referralId && report.IdempotencyKey is { Length: > 0 } key
            ? await outbox.FindAsync(referralId, key, cancellationToken)
            : await outbox.FindByProviderIdAsync(report.ProviderMessageId, cancellationToken);

        if (row is null)
        {
            LogUnknown(logger, report.ProviderMessageId, report.Status);
            return DeliveryReportOutcome.Unknown;
        }

        // A row still Pending (the send crashed before the vendor's id was recorded) or Failed (an attempt that timed out
        // but reached the vendor) is settled by the report itself: the vendor has the message, so it is Sent, with its id.
        var settled = false;
        if (OutboxStatuses.Rank(row.Status) == 0 && report.Status != OutboxStatus.Pending && report.Status != OutboxStatus.Failed)
        {
            // No index row: this message's reports carry the key (as this one did), or the row was found through its index.
            await outbox.CompleteAsync(row.ReferralId, row.IdempotencyKey, OutboxStatus.Sent, report.ProviderMessageId, null, indexProviderId: false, cancellationToken);
            settled = true;
            LogSettled(logger, row.IdempotencyKey, report.ProviderMessageId);
        }

        var error = report.ErrorCode is null ? null : $"{report.ErrorCode}{(report.ErrorText is null ? "" : " " + report.ErrorText)}";
        var moved = await outbox.RecordDeliveryAsync(row.ReferralId, row.IdempotencyKey, report.Status, error, cancellationToken) || settled;
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

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Outbox row {IdempotencyKey} settled as sent by the vendor's report for {ProviderMessageId}")]
    private static partial void LogSettled(ILogger logger, string idempotencyKey, string providerMessageId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Delivery report for unknown message {ProviderMessageId} ({Status}) ignored")]
    private static partial void LogUnknown(ILogger logger, string providerMessageId, OutboxStatus status);
}
