using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>
/// Sends each message once: the outbox row is written before the vendor call and completed after it.
/// A failed attempt (the vendor refused or was unreachable) is retried by the activity's retry policy. An attempt that got
/// no answer but may have reached the vendor (<see cref="UncertainDeliveryException"/>) is not: its row stays Pending. A row found
/// <see cref="OutboxStatus.Pending"/> means an earlier attempt crashed between the two writes; the send may
/// have reached the vendor, so it is not repeated here (a duplicate text to a person in treatment is worse than a late
/// one) and the outcome is <see cref="DispatchOutcome.Uncertain"/>, a transient state: the vendor's report (which carries
/// the outbox key) settles the row, or <see cref="OutboxReconciliation"/> asks the vendor and resends only what it lacks.
/// A text to a number that replied STOP is not sent at all (<see cref="DispatchOutcome.OptedOut"/>, no outbox row).
/// </summary>
public sealed partial class MessageDispatcher(IMessageOutbox outbox, IEmailSender email, ISmsSender sms, IOptOutStore optOuts, TimeProvider clock, ILogger<MessageDispatcher> logger)
{
    public Task<DispatchOutcome> SendEmailAsync(OutgoingEmail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var intent = new OutboxRow(message.ReferralId, message.IdempotencyKey, MessageChannel.Email, message.To, message.Subject,
            message.TextBody, OutboxStatus.Pending, clock.GetUtcNow(), null, null)
        {
            Attachments = message.Attachments,
        };
        return DispatchAsync(intent, ct => email.SendAsync(message, ct), ReportsCarryKey(email), cancellationToken);
    }

    /// <summary>
    /// The same outbox semantics as <see cref="SendEmailAsync"/>; the outbox row has no subject. An opted-out number
    /// gets nothing: no vendor call and no outbox row, and the caller falls back to email where the client allowed it.
    /// </summary>
    public Task<DispatchOutcome> SendSmsAsync(OutgoingSms message, CancellationToken cancellationToken) =>
        SendSmsAsync(message, optOutJustRead: false, cancellationToken);

    /// <summary>As <see cref="SendSmsAsync(OutgoingSms, CancellationToken)"/>.</summary>
    /// <param name="message">The text.</param>
    /// <param name="optOutJustRead">
    /// The caller read the number's opt-out a moment ago, in the same activity, and it was not opted out (a text that
    /// expects a reply reads it before telling the phone index of the wait): it is not read a second time. A STOP that
    /// lands between the two moments (milliseconds: one phone-index write) could as well land just after a second read.
    /// </param>
    /// <param name="cancellationToken">The activity's token.</param>
    public async Task<DispatchOutcome> SendSmsAsync(OutgoingSms message, bool optOutJustRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!optOutJustRead && await optOuts.IsOptedOutAsync(message.To, cancellationToken))
        {
            LogOptedOut(logger, message.IdempotencyKey);
            return DispatchOutcome.OptedOut;
        }

        var intent = new OutboxRow(message.ReferralId, message.IdempotencyKey, MessageChannel.Sms, message.To, "",
            message.Body, OutboxStatus.Pending, clock.GetUtcNow(), null, null);
        return await DispatchAsync(intent, ct => sms.SendAsync(message, ct), ReportsCarryKey(sms), cancellationToken);
    }

    /// <summary>
    /// True when the sender says every report of its messages carries the outbox key (<see cref="IOutboxKeyedReports"/>): then
    /// the report finds the row by its key and no provider-id index row is written. A sender that does not say gets the index.
    /// </summary>
    internal static bool ReportsCarryKey(object sender) => sender is IOutboxKeyedReports { ReportsCarryOutboxKey: true };

    private async Task<DispatchOutcome> DispatchAsync(OutboxRow intent, Func<CancellationToken, Task<string>> send, bool reportsCarryKey, CancellationToken cancellationToken)
    {
        var claim = await outbox.BeginAsync(intent, cancellationToken);
        if (!claim.Owned)
        {
            LogAlreadyDispatched(logger, intent.IdempotencyKey, claim.Row.Status);
            return claim.Row.Status == OutboxStatus.Sent ? DispatchOutcome.AlreadySent : DispatchOutcome.Uncertain;
        }

        string providerId;
        try
        {
            providerId = await send(cancellationToken);
        }
        catch (UncertainDeliveryException)
        {
            // No answer, but the vendor may have taken it: recording Failed would let the activity's retry send it again
            // (a crash-suite run saw release emails accepted twice this way). The row stays Pending, as after a crash
            // between the two writes, and the reconciliation asks the vendor and resends only what it lacks.
            LogUnanswered(logger, intent.IdempotencyKey);
            return DispatchOutcome.Uncertain;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await outbox.CompleteAsync(intent.ReferralId, intent.IdempotencyKey, OutboxStatus.Failed, null, ex.GetType().Name, indexProviderId: false, cancellationToken);
            throw;
        }

        await outbox.CompleteAsync(intent.ReferralId, intent.IdempotencyKey, OutboxStatus.Sent, providerId, null, indexProviderId: !reportsCarryKey, cancellationToken);
        return DispatchOutcome.Sent;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Message {IdempotencyKey} was dispatched before (status {Status}); not sending again")]
    private static partial void LogAlreadyDispatched(ILogger logger, string idempotencyKey, OutboxStatus status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Message {IdempotencyKey} got no answer from the vendor; left pending until the vendor is asked")]
    private static partial void LogUnanswered(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "SMS {IdempotencyKey} not sent: the number opted out (STOP)")]
    private static partial void LogOptedOut(ILogger logger, string idempotencyKey);
}

public enum DispatchOutcome
{
    Sent,
    AlreadySent,

    /// <summary>An earlier attempt crashed after the vendor call: being confirmed with the vendor (<see cref="OutboxReconciliation"/>).</summary>
    Uncertain,

    /// <summary>The number replied STOP: nothing was sent or written; use email where the client allowed it.</summary>
    OptedOut,
}
