namespace OncologyMassage.Workflow.Ports;

/// <summary>Remembers which referral an <c>Idempotency-Key</c> created, with a hash of the request it came with.</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for <paramref name="referralId"/>; when it was claimed before, returns the earlier claim instead.</summary>
    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, string referralId, CancellationToken cancellationToken);
}

/// <summary>The claim on a key: <see cref="IsNew"/> when this call made it.</summary>
public sealed record IdempotencyClaim(bool IsNew, string ReferralId, string RequestHash);
