using System.Security.Cryptography;
using System.Text;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Workflow.Caching;

/// <summary>
/// The practice-key store with the practices of recently presented keys kept for <c>Caching:PracticeKeysFor</c>: a POST
/// /api/referrals no longer reads the key's row every time. Keys are held by their SHA-256 hash, never as presented.
/// Adding a key through this store (which may revoke an older one) forgets everything at once.
/// </summary>
public sealed class CachedPracticeKeyStore(IPracticeKeyStore inner, TimeSpan lifetime, TimeProvider clock) : IPracticeKeyStore
{
    private readonly ExpiringCache<Practice> found = new(lifetime, clock);

    public Task<Practice?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return found.GetOrReadAsync(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))), () => inner.FindAsync(apiKey, cancellationToken));
    }

    public async Task AddKeyAsync(Practice practice, string apiKey, CancellationToken cancellationToken)
    {
        await inner.AddKeyAsync(practice, apiKey, cancellationToken);
        found.Clear(); // the practice's oldest key may just have been revoked
    }

    public Task<IReadOnlyList<PracticeKeyInfo>> ListAsync(string practiceId, CancellationToken cancellationToken) =>
        inner.ListAsync(practiceId, cancellationToken);
}
