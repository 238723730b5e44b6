namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// The outbox: a row per message written before the vendor call and completed after it, so a retried or replayed
/// activity never sends twice. Locally it is also the dev outbox the dashboard shows.
/// </summary>
public interface IMessageOutbox
{
    /// <summary>
    /// Records the intent to send. The caller owns the send when the key is new or its earlier attempt failed before the
    /// vendor accepted it; otherwise the existing row is returned and nothing is to be sent.
    /// </summary>
    Task<OutboxClaim> BeginAsync(OutboxRow row, CancellationToken cancellationToken);

    Task CompleteAsync(string referralId, string idempotencyKey, OutboxStatus status, string? providerMessageId, string? failureReason, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxRow>> ListAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>The row the vendor's message id (Twilio MessageSid, SendGrid message id) belongs to, for status callbacks; null when unknown.</summary>
    Task<OutboxRow?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a sent row to a delivery status the vendor reported (<see cref="OutboxStatus.Delivered"/>,
    /// <see cref="OutboxStatus.Undelivered"/>, <see cref="OutboxStatus.Bounced"/>), but never backwards: callbacks
    /// arrive out of order. True when the row changed.
    /// </summary>
    Task<bool> RecordDeliveryAsync(string referralId, string idempotencyKey, OutboxStatus status, string? failureReason, CancellationToken cancellationToken);
}

/// <summary>The result of <see cref="IMessageOutbox.BeginAsync"/>.</summary>
public sealed record OutboxClaim(bool Owned, OutboxRow Row);

public sealed record OutboxRow(
    string ReferralId,
    string IdempotencyKey,
    MessageChannel Channel,
    string To,
    string Subject,
    string Body,
    OutboxStatus Status,
    DateTimeOffset CreatedAt,
    string? ProviderMessageId,
    string? Error);

public enum MessageChannel
{
    Email,
    Sms,
}

public enum OutboxStatus
{
    /// <summary>Written before the vendor call; still pending after a crash means the send may or may not have happened.</summary>
    Pending,
    Sent,

    /// <summary>The vendor call failed before the vendor accepted the message; the dispatcher may claim and retry it.</summary>
    Failed,

    /// <summary>The vendor reported delivery to the handset or mail server (status callback, event webhook).</summary>
    Delivered,

    /// <summary>The vendor accepted the message but could not deliver it (Twilio failed/undelivered). Not retried by the dispatcher.</summary>
    Undelivered,

    /// <summary>The email bounced or was dropped by SendGrid. Not retried by the dispatcher.</summary>
    Bounced,
}

/// <summary>The order delivery statuses may move in: a callback never moves a row to a lower rank.</summary>
public static class OutboxStatuses
{
    public static int Rank(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending or OutboxStatus.Failed => 0,
        OutboxStatus.Sent => 1,
        _ => 2, // Delivered, Undelivered, Bounced: final
    };

    /// <summary>True when a row in <paramref name="current"/> may move to <paramref name="next"/>.</summary>
    public static bool CanMove(OutboxStatus current, OutboxStatus next) => Rank(next) > Rank(current);
}
