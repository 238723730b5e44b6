namespace OncologyMassage.Workflow.Access;

/// <summary>
/// Referring practices' API keys. Only a SHA-256 hash of each key is stored (keys are 32 random bytes, so a fast hash is
/// enough); a practice has at most two active keys, so a key can be rotated without downtime.
/// </summary>
public interface IPracticeKeyStore
{
    /// <summary>The practice a presented key belongs to, or null. One point read.</summary>
    Task<Practice?> FindAsync(string apiKey, CancellationToken cancellationToken);

    /// <summary>Adds a key for the practice; when it already has two, the older one is revoked. Idempotent for the same key.</summary>
    Task AddKeyAsync(Practice practice, string apiKey, CancellationToken cancellationToken);

    /// <summary>The practice's active keys, newest first, as hashes with their creation time (never the keys).</summary>
    Task<IReadOnlyList<PracticeKeyInfo>> ListAsync(string practiceId, CancellationToken cancellationToken);
}

/// <summary>A referring practice.</summary>
public sealed record Practice(string Id, string Name);

public sealed record PracticeKeyInfo(string KeyHash, DateTimeOffset CreatedAt);
