using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The keys that let the audit stay append-only and still honour an erase (table <c>AuditKeys</c>; docs/privacy.md,
/// "The audit after an erase"):
/// <list type="bullet">
/// <item>the deployment's <b>pseudonym key</b> (row <c>deployment/pseudonym-key</c>, made on first use): a referral's
/// audit partition is <c>r-</c> + HMAC-SHA256(key, referral id), and the referral ids a pipeline page listed are stored
/// the same way, so no audit row holds a referral id in the clear;</item>
/// <item>one <b>content key per referral</b> (row <c>{referral id}/content-key</c>, made on the first page view that
/// records an address): the client address and user agent of signed-link page views are stored AES-GCM encrypted under
/// it. Erase deletes this row with the referral's other rows (its partition is the referral id), which leaves the
/// encrypted fields unreadable forever — in the table and in the immutable daily copies alike — while every audit row
/// and its hash chain stay as written.</item>
/// </list>
/// With <paramref name="contentKeys"/> (DI: <c>Caching:ReferralsFor</c>), a content key this host read or made is
/// remembered for <b>writing</b> page views (issue #16 item 4: one journey read the same key eight times). Reading the
/// audit (<see cref="DecrypterAsync"/>) always reads the key, so no host shows a page view's address after an erase
/// from a remembered key. An erase forgets the key on the erasing host (<see cref="ForgetContentKey"/>); another host may
/// still encrypt, for at most the lifetime, a page view that opened before the referral row went, under the deleted
/// key: that entry is unreadable from the start, which is what the erase asks for. A remembered key is only ever used,
/// never written back, so the cache never makes a key for an erased referral.
/// </summary>
public sealed class AuditKeys(StorageTables tables, ReferralRowCache? contentKeys = null)
{
    public const string DeploymentPartition = "deployment";
    public const string PseudonymKeyRow = "pseudonym-key";
    public const string ContentKeyRow = "content-key";

    /// <summary>The prefix of a value encrypted under a referral's content key.</summary>
    public const string EncryptedPrefix = "enc1:";

    /// <summary>What a reader sees of an encrypted field whose referral was erased.</summary>
    public const string Erased = "(erased)";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private volatile byte[]? pseudonymKey;

    /// <summary>The stored partition of a logical one: admin, erasure and pipeline partitions as they are, everything else (a referral id) pseudonymous.</summary>
    public async ValueTask<string> PartitionOfAsync(string partition, CancellationToken cancellationToken) =>
        AuditPartitions.IsReferral(partition) ? await PseudonymAsync(partition, cancellationToken) : partition;

    /// <summary>The referral's pseudonym: <c>r-</c> + the first 40 hex digits of HMAC-SHA256(pseudonym key, referral id).</summary>
    public async ValueTask<string> PseudonymAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var key = await PseudonymKeyAsync(cancellationToken);
        return "r-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(referralId)))[..40];
    }

    /// <summary>
    /// Encrypts fields of one entry under the referral's content key (made when it has none yet): the key is read once
    /// for all of the entry's fields.
    /// </summary>
    public async Task<Func<string?, string?>> EncrypterAsync(string referralId, CancellationToken cancellationToken)
    {
        var key = await ContentKeyForWritingAsync(referralId, cancellationToken);
        return value => Encrypt(referralId, key, value);
    }

    /// <summary>Forgets this host's copy of the referral's content key: erase calls it once the key's row is deleted.</summary>
    public void ForgetContentKey(string referralId) => contentKeys?.Forget(referralId);

    private static string? Encrypt(string referralId, byte[] key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(referralId));
        return EncryptedPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plain values of a referral's encrypted fields, or <see cref="Erased"/> when its content key is gone.</summary>
    public async Task<Func<string?, string?>> DecrypterAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.AuditKeys, cancellationToken);
        var key = (await TableRows.ReadAsync(table, referralId, ContentKeyRow, cancellationToken))?.GetBinary("Key"); // never the remembered copy
        return value => Decrypt(referralId, key, value);
    }

    private static string? Decrypt(string referralId, byte[]? key, string? value)
    {
        if (value is null || !value.StartsWith(EncryptedPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        if (key is null)
        {
            return Erased;
        }

        var sealedBytes = Convert.FromBase64String(value[EncryptedPrefix.Length..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(referralId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Cached once read; callers racing on the first use all end with the one key that went in (insert-or-read).</summary>
    private async ValueTask<byte[]> PseudonymKeyAsync(CancellationToken cancellationToken) =>
        pseudonymKey ??= KeyOf(await ReadOrMakeAsync(DeploymentPartition, PseudonymKeyRow, cancellationToken));

    /// <summary>The referral's content key, made when it has none yet: the remembered copy when there is one, else read (and remembered).</summary>
    private async Task<byte[]> ContentKeyForWritingAsync(string referralId, CancellationToken cancellationToken)
    {
        if (contentKeys?.Get(referralId)?.GetBinary("Key") is { } remembered)
        {
            return remembered;
        }

        var row = await ReadOrMakeAsync(referralId, ContentKeyRow, cancellationToken);
        contentKeys?.Remember(row);
        return KeyOf(row);
    }

    private static byte[] KeyOf(TableEntity row) => row.GetBinary("Key") ?? throw new InvalidOperationException($"The audit key {row.PartitionKey}/{row.RowKey} has no key.");

    /// <summary>
    /// The key's row (with its ETag), or a new random key inserted there; two writers racing both end with the one that
    /// went in.
    /// </summary>
    private async Task<TableEntity> ReadOrMakeAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.AuditKeys, cancellationToken);
        if (await TableRows.ReadAsync(table, partition, row, cancellationToken) is { } existing && existing.GetBinary("Key") is not null)
        {
            return existing;
        }

        var made = new TableEntity(partition, row) { ["Key"] = RandomNumberGenerator.GetBytes(32) };
        try
        {
            var response = await table.AddEntityAsync(made, cancellationToken);
            made.ETag = response.Headers.ETag ?? default; // none: not remembered (ReferralRowCache keeps only rows with an ETag)
            return made;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await TableRows.ReadAsync(table, partition, row, cancellationToken) is { } stored && stored.GetBinary("Key") is not null
                ? stored
                : throw new InvalidOperationException($"The audit key {partition}/{row} vanished while it was being made.");
        }
    }
}
