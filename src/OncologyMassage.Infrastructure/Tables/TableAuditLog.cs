using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The audit table, append-only and hash-chained per partition (PartitionKey = the referral's pseudonym, or a
/// pseudo-partition from <see cref="AuditPartitions"/>; see <see cref="AuditKeys"/> for pseudonyms and the encrypted
/// page-view fields):
/// <list type="bullet">
/// <item>an entry's RowKey is <c>long.MaxValue - sequence</c> as 19 digits, so a partition's entries come back newest first
/// from one query; it holds <c>Sequence</c> (1, 2, …), <c>PreviousHash</c> (the entry before it, "" for the first) and
/// <c>Hash</c> = SHA-256 over the partition, the sequence, the previous hash and every field;</item>
/// <item>the <c>head</c> row holds the last sequence and hash. An entry is added in one table transaction with the head
/// (ETag-checked), so two writers of one partition never fork the chain.</item>
/// </list>
/// No code path updates or deletes an entry: a changed entry breaks its own hash, a removed one the next entry's link
/// (or the head), and <see cref="VerifyAsync"/> names it. Someone with write access to the table could rewrite a whole
/// chain, which is why a daily copy goes to an immutable blob container (BlobAuditArchive).
/// <para>
/// With <paramref name="heads"/> (DI: <c>Caching:ReferralsFor</c>), the head this host last wrote to a partition is
/// remembered with its ETag, and the next entry of that partition is chained onto it without reading the head first
/// (issue #16 item 4: a journey read its head before each of about 13 entries). The transaction still replaces the head
/// under that ETag, so a head another host (or anyone) moved since makes the transaction fail, nothing is written, and
/// the entry is chained onto the head as read then: a stale copy costs one failed request, never a fork or a lost entry.
/// </para>
/// </summary>
public sealed class TableAuditLog(StorageTables tables, AuditKeys keys, ReferralRowCache? heads = null) : IAuditLog
{
    public const string HeadRowKey = "head";

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) => RecordAsync(entry, expectNewPartition: false, cancellationToken);

    /// <summary>
    /// The first entry of a new partition goes in with the head in one transaction without reading the head first (one
    /// round trip, not two); if a head exists after all, the transaction's Add of the head conflicts, nothing is written, and
    /// the entry is chained onto that head as <see cref="RecordAsync(AuditEntry, CancellationToken)"/> does.
    /// </summary>
    public Task RecordFirstAsync(AuditEntry entry, CancellationToken cancellationToken) => RecordAsync(entry, expectNewPartition: true, cancellationToken);

    private async Task RecordAsync(AuditEntry entry, bool expectNewPartition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Whole milliseconds in UTC: what every table store gives back, so the hash is computed on what is read later.
        entry = entry with { At = new DateTimeOffset(entry.At.UtcTicks - (entry.At.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) };
        entry = await ToStoredAsync(entry, cancellationToken);
        var table = await tables.GetAsync(StorageTables.Audit, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // First the head this host wrote last, if it remembers one; after any failure, the head as stored.
            var remembered = attempt == 1 ? heads?.Get(entry.ReferralId) : null;
            var head = remembered ?? (attempt == 1 && expectNewPartition ? null : await TableRows.ReadAsync(table, entry.ReferralId, HeadRowKey, cancellationToken));
            var sequence = (head?.GetInt64("Sequence") ?? 0) + 1;
            var previous = head?.GetString("Hash") ?? "";
            var hash = HashOf(entry, sequence, previous);
            var row = ToEntity(entry, sequence, previous, hash);
            var newHead = new TableEntity(entry.ReferralId, HeadRowKey) { ["Sequence"] = sequence, ["Hash"] = hash };
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, row),
                head is null ? new(TableTransactionActionType.Add, newHead) : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
            ];
            try
            {
                var results = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                RememberHead(newHead, results.Count == actions.Count ? results[1].Headers.ETag : null);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 || (ex.Status == 404 && remembered is not null))
            {
                // Another entry of the same partition went in first (or the remembered head is gone): chain onto the head as stored.
                heads?.Forget(entry.ReferralId);
                if (attempt == 1 && (remembered is not null || expectNewPartition))
                {
                    continue; // the remembered head was stale, or the partition was not new: read its head now, no back-off needed
                }
            }

            await TableRows.BackOffAsync(attempt, "The audit chain", cancellationToken);
        }
    }

    /// <summary>Remembers the head just written, with the ETag the transaction gave it (none: forgotten, read next time).</summary>
    private void RememberHead(TableEntity head, ETag? etag)
    {
        if (heads is null)
        {
            return;
        }

        if (etag is { } written)
        {
            heads.Remember(new TableEntity(head) { ETag = written });
        }
        else
        {
            heads.Forget(head.PartitionKey);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string referralId, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var table = await tables.GetAsync(StorageTables.Audit, cancellationToken);
        var partition = await keys.PartitionOfAsync(referralId, cancellationToken);
        var decrypt = AuditPartitions.IsReferral(referralId) ? await keys.DecrypterAsync(referralId, cancellationToken) : static value => value;
        var list = new List<AuditEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {HeadRowKey}"),
            maxPerPage: Math.Clamp(max, 1, 1000), cancellationToken: cancellationToken))
        {
            var stored = FromEntity(row);
            list.Add(stored with { ReferralId = referralId, ClientAddress = decrypt(stored.ClientAddress), UserAgent = decrypt(stored.UserAgent) });
            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    public ValueTask<string> PseudonymAsync(string referralId, CancellationToken cancellationToken) => keys.PseudonymAsync(referralId, cancellationToken);

    public async Task<AuditVerification> VerifyAsync(string? partition, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Audit, cancellationToken);
        partition = partition is null ? null : await keys.PartitionOfAsync(partition, cancellationToken);
        var rows = partition is null
            ? table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken);
        var partitions = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var row in rows)
        {
            (partitions.TryGetValue(row.PartitionKey, out var list) ? list : partitions[row.PartitionKey] = []).Add(row);
        }

        var problems = new List<string>();
        var entries = 0;
        foreach (var (key, rowsOfPartition) in partitions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            entries += VerifyPartition(key, rowsOfPartition, problems);
        }

        return new AuditVerification(partitions.Count, entries, problems);
    }

    public async IAsyncEnumerable<ChainedAuditEntry> ReadRecordedAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Audit, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"At ge {since.ToUniversalTime()} and At lt {until.ToUniversalTime()}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey != HeadRowKey)
            {
                yield return new ChainedAuditEntry(FromEntity(row), row.GetInt64("Sequence") ?? 0, row.GetString("PreviousHash") ?? "", row.GetString("Hash") ?? "");
            }
        }
    }

    /// <summary>The hash an entry must carry: SHA-256 (hex) of a JSON array of the partition, sequence, previous hash and every field.</summary>
    public static string HashOf(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string?[] fields =
        [
            entry.ReferralId, sequence.ToString(CultureInfo.InvariantCulture), previousHash, entry.CallerKind, entry.CallerId, entry.Action,
            entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture), entry.ClientAddress, entry.UserAgent, entry.Subject,
        ];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));
    }

    /// <summary>
    /// The entry as it is stored and hashed: its partition pseudonymous when it is a referral's, the listed referral ids
    /// as pseudonyms, and a page view's address and user agent encrypted under the referral's content key.
    /// </summary>
    private async Task<AuditEntry> ToStoredAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var subject = entry.Subject;
        if (entry.ListedReferralIds is { } listed)
        {
            var pseudonyms = new List<string>(listed.Count);
            foreach (var id in listed)
            {
                pseudonyms.Add(await keys.PseudonymAsync(id, cancellationToken));
            }

            subject = string.Join(',', pseudonyms);
        }

        // Only a page view carries an address or a browser; other entries never make or read a content key.
        var encrypt = AuditPartitions.IsReferral(entry.ReferralId) && (entry.ClientAddress ?? entry.UserAgent) is not null
            ? await keys.EncrypterAsync(entry.ReferralId, cancellationToken)
            : static value => value;
        return entry with
        {
            ReferralId = await keys.PartitionOfAsync(entry.ReferralId, cancellationToken),
            Subject = subject,
            ListedReferralIds = null,
            ClientAddress = encrypt(entry.ClientAddress),
            UserAgent = encrypt(entry.UserAgent),
        };
    }

    public static string RowKeyOf(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    private static int VerifyPartition(string partition, List<TableEntity> rows, List<string> problems)
    {
        var head = rows.FirstOrDefault(r => r.RowKey == HeadRowKey);
        var chain = rows.Where(r => r.RowKey != HeadRowKey).OrderBy(r => r.GetInt64("Sequence") ?? long.MaxValue).ToList();
        var expected = 1L;
        var previous = "";
        foreach (var row in chain)
        {
            var sequence = row.GetInt64("Sequence");
            if (sequence is null || row.RowKey != RowKeyOf(sequence.Value))
            {
                problems.Add($"{partition}/{row.RowKey}: the row is not part of the chain (no sequence, or a sequence that does not match its key).");
                continue;
            }

            if (sequence.Value != expected)
            {
                problems.Add($"{partition}/{row.RowKey}: entries {expected} to {sequence.Value - 1} are missing before sequence {sequence.Value}.");
            }

            if (!string.Equals(row.GetString("PreviousHash") ?? "", previous, StringComparison.Ordinal))
            {
                problems.Add($"{partition}/{row.RowKey}: sequence {sequence.Value} does not link to the entry before it (removed or changed).");
            }

            var stored = row.GetString("Hash") ?? "";
            if (!string.Equals(HashOf(FromEntity(row), sequence.Value, row.GetString("PreviousHash") ?? ""), stored, StringComparison.Ordinal))
            {
                problems.Add($"{partition}/{row.RowKey}: sequence {sequence.Value} was changed after it was written (its hash does not match).");
            }

            expected = sequence.Value + 1;
            previous = stored;
        }

        if (head is null)
        {
            problems.Add($"{partition}/{HeadRowKey}: the chain's head row is missing.");
        }
        else if ((head.GetInt64("Sequence") ?? 0) != expected - 1 || !string.Equals(head.GetString("Hash") ?? "", previous, StringComparison.Ordinal))
        {
            problems.Add($"{partition}/{HeadRowKey}: the head names sequence {head.GetInt64("Sequence")}, but the chain ends at {expected - 1} (latest entries removed or changed).");
        }

        return chain.Count;
    }

    private static TableEntity ToEntity(AuditEntry entry, long sequence, string previousHash, string hash) => new(entry.ReferralId, RowKeyOf(sequence))
    {
        ["Sequence"] = sequence,
        ["PreviousHash"] = previousHash,
        ["Hash"] = hash,
        [nameof(AuditEntry.CallerKind)] = entry.CallerKind,
        [nameof(AuditEntry.CallerId)] = entry.CallerId,
        [nameof(AuditEntry.Action)] = entry.Action,
        [nameof(AuditEntry.At)] = entry.At,
        [nameof(AuditEntry.ClientAddress)] = entry.ClientAddress,
        [nameof(AuditEntry.UserAgent)] = entry.UserAgent,
        [nameof(AuditEntry.Subject)] = entry.Subject,
    };

    private static AuditEntry FromEntity(TableEntity row) =>
        new(row.PartitionKey, row.GetString(nameof(AuditEntry.CallerKind)) ?? "", row.GetString(nameof(AuditEntry.CallerId)) ?? "",
            row.GetString(nameof(AuditEntry.Action)) ?? "", row.GetDateTimeOffset(nameof(AuditEntry.At)) ?? default)
        {
            ClientAddress = row.GetString(nameof(AuditEntry.ClientAddress)),
            UserAgent = row.GetString(nameof(AuditEntry.UserAgent)),
            Subject = row.GetString(nameof(AuditEntry.Subject)),
        };
}
