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
    Failed,
}
