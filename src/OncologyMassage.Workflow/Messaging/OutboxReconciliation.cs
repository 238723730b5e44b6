using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>What one reconciliation run did, row by row.</summary>
public sealed record ReconciliationSummary(int Settled, int Resent, int Unresolved, int HandedToCoordinator);

/// <summary>
/// Makes every message's effect exactly once. A row still <see cref="OutboxStatus.Pending"/>
/// <see cref="OutboxOptions.ReconcileAfter"/> after its last attempt, with no vendor report, is checked with the vendor
/// (<see cref="ISmsLookup"/>, <see cref="IEmailLookup"/>): a message the vendor has is settled (Sent, with its id); one it
/// does not have is sent now, under the same key (one round is claimed with an ETag, so two runs never both resend); one
/// it cannot tell about is left alone. After <see cref="OutboxOptions.MaxReconciliations"/> rounds without an answer, or
/// when the vendor refuses the resend for good, the referral's timeline and flags tell a coordinator: only what needs a
/// person reaches one. Host-neutral: a timer function in Azure, a background loop in the local host, every <see cref="Interval"/>.
/// </summary>
public sealed partial class OutboxReconciliation(
    IMessageOutbox outbox,
    ISmsLookup smsLookup,
    IEmailLookup emailLookup,
    ISmsSender sms,
    IEmailSender email,
    IOptOutStore optOuts,
    IReferralStore referrals,
    IReferralFlags flags,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxReconciliation> logger)
{
    /// <summary>The timer's NCRONTAB schedule in Azure: every two minutes.</summary>
    public const string Schedule = "0 */2 * * * *";

    /// <summary>How often the local host reconciles (as <see cref="Schedule"/>).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    public async Task<ReconciliationSummary> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        int settled = 0, resent = 0, unresolved = 0, handed = 0;
        foreach (var row in await outbox.ListPendingAsync(now - settings.ReconcileAfter, cancellationToken))
        {
            if (row.Reconciliations >= settings.MaxReconciliations)
            {
                continue; // a coordinator was told; a late vendor report can still settle it
            }

            try
            {
                switch (await ReconcileAsync(row, now, settings.MaxReconciliations, cancellationToken))
                {
                    case RowOutcome.Settled: settled++; break;
                    case RowOutcome.Resent: resent++; break;
                    case RowOutcome.HandedToCoordinator: handed++; break;
                    case RowOutcome.Unresolved: unresolved++; break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The vendor or storage failed for this row: the next run tries again; the other rows go on.
                unresolved++;
                LogRowFailed(logger, row.IdempotencyKey, ex.GetType().Name);
            }
        }

        return new ReconciliationSummary(settled, resent, unresolved, handed);
    }

    private async Task<RowOutcome> ReconcileAsync(OutboxRow row, DateTimeOffset now, int maxRounds, CancellationToken cancellationToken)
    {
        var found = row.Channel == MessageChannel.Sms
            ? await smsLookup.FindAsync(row, cancellationToken)
            : await emailLookup.FindAsync(row, cancellationToken);
        if (found.Result == VendorLookupResult.Found)
        {
            // Indexed: the message may have been sent by an earlier release whose reports do not carry the key (a rare path).
            await outbox.CompleteAsync(row.ReferralId, row.IdempotencyKey, OutboxStatus.Sent, found.ProviderMessageId, null, indexProviderId: true, cancellationToken);
            if (found.Status is { } status && OutboxStatuses.Rank(status) > OutboxStatuses.Rank(OutboxStatus.Sent))
            {
                await outbox.RecordDeliveryAsync(row.ReferralId, row.IdempotencyKey, status, null, cancellationToken);
            }

            LogSettled(logger, row.IdempotencyKey, found.ProviderMessageId ?? "");
            return RowOutcome.Settled;
        }

        if (found.Result == VendorLookupResult.NotYet)
        {
            return RowOutcome.Unresolved; // its report may still come; no round counted, asked again next run
        }

        if (!await outbox.TryClaimReconciliationAsync(row, now, cancellationToken))
        {
            return RowOutcome.Unresolved; // settled or claimed by another run meanwhile
        }

        var last = row.Reconciliations + 1 >= maxRounds;
        if (found.Result == VendorLookupResult.Unknown)
        {
            LogUnknown(logger, row.IdempotencyKey, row.Reconciliations + 1);
            return last ? await HandToCoordinatorAsync(row, "could not be confirmed with the provider", cancellationToken) : RowOutcome.Unresolved;
        }

        if (row.Channel == MessageChannel.Sms && await optOuts.IsOptedOutAsync(row.To, cancellationToken))
        {
            // The client replied STOP since: never text them again, not even to repair a lost send.
            await outbox.CompleteAsync(row.ReferralId, row.IdempotencyKey, OutboxStatus.Failed, null, "OptedOut", indexProviderId: false, cancellationToken);
            return await HandToCoordinatorAsync(row, "was not sent again because the number has opted out of texts", cancellationToken);
        }

        string providerId;
        try
        {
            providerId = row.Channel == MessageChannel.Sms
                ? await sms.SendAsync(new OutgoingSms(row.IdempotencyKey, row.ReferralId, row.To, row.Body), cancellationToken)
                : await email.SendAsync(new OutgoingEmail(row.IdempotencyKey, row.ReferralId, row.To, row.Subject, row.Body) { Attachments = row.Attachments }, cancellationToken);
        }
        catch (PermanentDeliveryException)
        {
            await outbox.CompleteAsync(row.ReferralId, row.IdempotencyKey, OutboxStatus.Failed, null, nameof(PermanentDeliveryException), indexProviderId: false, cancellationToken);
            return await HandToCoordinatorAsync(row, "was refused by the provider", cancellationToken);
        }
        catch (MessageDeliveryException ex)
        {
            // Still Pending: the next round asks the vendor first (the attempt may have reached it) before trying again.
            LogResendFailed(logger, row.IdempotencyKey, ex.GetType().Name);
            return last ? await HandToCoordinatorAsync(row, "could not be sent: the provider was unavailable", cancellationToken) : RowOutcome.Unresolved;
        }

        var keyed = row.Channel == MessageChannel.Sms ? MessageDispatcher.ReportsCarryKey(sms) : MessageDispatcher.ReportsCarryKey(email);
        await outbox.CompleteAsync(row.ReferralId, row.IdempotencyKey, OutboxStatus.Sent, providerId, null, indexProviderId: !keyed, cancellationToken);
        LogResent(logger, row.IdempotencyKey, providerId);
        return RowOutcome.Resent;
    }

    private async Task<RowOutcome> HandToCoordinatorAsync(OutboxRow row, string what, CancellationToken cancellationToken)
    {
        // Keyed by the message, so a repeated run adds nothing. No recipient, no body: the channel and the time only.
        var channel = row.Channel == MessageChannel.Sms ? "A text message" : "An email";
        await referrals.AppendExternalTimelineAsync(row.ReferralId, "outbox-unresolved-" + row.IdempotencyKey, clock.GetUtcNow(), TimelineKind.DeliveryFailed,
            $"{channel} prepared at {row.CreatedAt:yyyy-MM-dd HH:mm} UTC {what}. Check with the client that they received it, or reach them another way.", cancellationToken);
        await flags.SetFlagAsync(row.ReferralId, ReferralFlagKind.DeliveryFailed, cancellationToken);
        LogHandedOver(logger, row.IdempotencyKey);
        return RowOutcome.HandedToCoordinator;
    }

    private enum RowOutcome
    {
        Settled,
        Resent,
        Unresolved,
        HandedToCoordinator,
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Outbox row {IdempotencyKey}: the provider has it as {ProviderMessageId}; settled without sending again")]
    private static partial void LogSettled(ILogger logger, string idempotencyKey, string providerMessageId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Outbox row {IdempotencyKey}: the provider never received it; sent now as {ProviderMessageId}")]
    private static partial void LogResent(ILogger logger, string idempotencyKey, string providerMessageId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Outbox row {IdempotencyKey}: the provider cannot confirm it (round {Round})")]
    private static partial void LogUnknown(ILogger logger, string idempotencyKey, int round);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Outbox row {IdempotencyKey}: resend failed ({Error}); tried again at the next run")]
    private static partial void LogResendFailed(ILogger logger, string idempotencyKey, string error);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Outbox row {IdempotencyKey}: unresolved, left on the referral's timeline for a coordinator")]
    private static partial void LogHandedOver(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Outbox row {IdempotencyKey}: reconciliation failed ({Error}); tried again at the next run")]
    private static partial void LogRowFailed(ILogger logger, string idempotencyKey, string error);
}
