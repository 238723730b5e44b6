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

    /// <summary>
    /// Completes the row after the vendor call: its status, the vendor's id, the failure. With <paramref name="indexProviderId"/>
    /// (and a provider id) the vendor's id is also indexed, before the row is completed, for reports that will not carry the
    /// outbox key (<see cref="FindByProviderIdAsync"/>); a message whose reports carry the key (<see cref="IOutboxKeyedReports"/>) needs no index.
    /// </summary>
    Task CompleteAsync(string referralId, string idempotencyKey, OutboxStatus status, string? providerMessageId, string? failureReason, bool indexProviderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxRow>> ListAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>The row (<paramref name="referralId"/>, <paramref name="idempotencyKey"/>) by one point read; null when there is none.</summary>
    Task<OutboxRow?> FindAsync(string referralId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// The row the vendor's message id (Twilio MessageSid, SendGrid message id) belongs to, through the provider-id index, for
    /// reports that do not carry the outbox key (a message sent by an older release, or a sender that does not pass the key); null when unknown.
    /// </summary>
    Task<OutboxRow?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a sent row to a delivery status the vendor reported (<see cref="OutboxStatus.Delivered"/>,
    /// <see cref="OutboxStatus.Undelivered"/>, <see cref="OutboxStatus.Bounced"/>), but never backwards: callbacks
    /// arrive out of order. True when the row changed.
    /// </summary>
    Task<bool> RecordDeliveryAsync(string referralId, string idempotencyKey, OutboxStatus status, string? failureReason, CancellationToken cancellationToken);

    /// <summary>Every <see cref="OutboxStatus.Pending"/> row whose last attempt (<see cref="OutboxRow.LastAttemptAt"/>) is older than <paramref name="attemptedBefore"/>.</summary>
    Task<IReadOnlyList<OutboxRow>> ListPendingAsync(DateTimeOffset attemptedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one reconciliation round of a Pending row: counts it and sets its last attempt to <paramref name="at"/>, only if
    /// the row is still Pending with the count <paramref name="seen"/> had (so two reconcilers never both resend). True when claimed.
    /// </summary>
    Task<bool> TryClaimReconciliationAsync(OutboxRow seen, DateTimeOffset at, CancellationToken cancellationToken);
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
    string? Error,
    int Reconciliations = 0,
    DateTimeOffset? AttemptedAt = null)
{
    /// <summary>When the vendor was last called (or the row last checked with it) for this message.</summary>
    public DateTimeOffset LastAttemptAt => AttemptedAt ?? CreatedAt;

    /// <summary>An email's attachments (<see cref="OutgoingEmail.Attachments"/>), kept so a resend carries them; none for a text.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

public enum MessageChannel
{
    Email,
    Sms,
}

public enum OutboxStatus
{
    /// <summary>
    /// Written before the vendor call. Still pending after a crash means the send may or may not have happened: a vendor
    /// report settles it, or <c>OutboxReconciliation</c> asks the vendor after a while and resends only what it does not have.
    /// </summary>
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
