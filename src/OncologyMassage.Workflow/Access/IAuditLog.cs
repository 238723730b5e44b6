using System.Text.Json.Serialization;

namespace OncologyMassage.Workflow.Access;

/// <summary>
/// Who read or changed a referral, what and when (table <c>Audit</c>, one partition per referral, newest first). Entries
/// name the caller and the action, never clinical content. The log is append-only: nothing updates or deletes an entry,
/// and each entry carries a hash chained to the one before it in its partition, so <see cref="VerifyAsync"/> finds a
/// changed or removed entry. A referral's partition and the referral ids a pipeline page listed are stored as
/// pseudonyms, and page-view addresses encrypted under a per-referral key that erase deletes: after an erase, only the
/// tombstone in <see cref="AuditPartitions.Erasures"/> names the referral id (docs/privacy.md).
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="RecordAsync"/>, for the first entry of a partition that has none yet (a referral this request has just
    /// created): a store may skip looking for the chain's head, and falls back to <see cref="RecordAsync"/> when it finds one.
    /// </summary>
    Task RecordFirstAsync(AuditEntry entry, CancellationToken cancellationToken) => RecordAsync(entry, cancellationToken);

    /// <summary>The referral's entries, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string referralId, int max, CancellationToken cancellationToken);

    /// <summary>The pseudonym under which a referral's audit partition and pipeline listings are stored.</summary>
    ValueTask<string> PseudonymAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>Checks the hash chain of one partition (a referral id), or of every partition when it is null.</summary>
    Task<AuditVerification> VerifyAsync(string? partition, CancellationToken cancellationToken);

    /// <summary>Every entry recorded in [<paramref name="since"/>, <paramref name="until"/>), with its chain fields, for the daily immutable copy.</summary>
    IAsyncEnumerable<ChainedAuditEntry> ReadRecordedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <param name="ReferralId">The partition: a referral id, or a pseudo-partition such as <see cref="AuditPartitions.Admin"/>.</param>
/// <param name="CallerKind">"practice", "coordinator", "client-link", "oncologist-link", "admin" or "system".</param>
/// <param name="Action">The function or command that ran, e.g. "GetReferral", "ShowIntakeForm" or "erase".</param>
public sealed record AuditEntry(string ReferralId, string CallerKind, string CallerId, string Action, DateTimeOffset At)
{
    /// <summary>The client address of a signed-link page view (as the app saw it).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>The browser's User-Agent of a signed-link page view (at most 500 characters).</summary>
    public string? UserAgent { get; init; }

    /// <summary>Ids only, never content: as read back, the pseudonyms of the referrals a pipeline page listed; the referral id an erasure tombstone names.</summary>
    public string? Subject { get; init; }

    /// <summary>On write only: the referrals a pipeline page listed; the log stores their pseudonyms in <see cref="Subject"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? ListedReferralIds { get; init; }
}

/// <summary>An entry as stored: its place in its partition's chain, the previous entry's hash and its own.</summary>
public sealed record ChainedAuditEntry(AuditEntry Entry, long Sequence, string PreviousHash, string Hash);

/// <summary>The outcome of a chain check: how many entries were checked and each problem found (partition, row, what).</summary>
public sealed record AuditVerification(int Partitions, int Entries, IReadOnlyList<string> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>Audit partitions that are not a referral.</summary>
public static class AuditPartitions
{
    /// <summary>Admin commands (erase, export, verify-audit, venue, coordinator, practice-key).</summary>
    public const string Admin = "admin";

    /// <summary>Pipeline pages of a venue: "pipeline|{venue id}", each entry naming the referral ids it listed.</summary>
    public static string Pipeline(string venueId) => "pipeline|" + venueId;

    /// <summary>The deployment's inbox (texts from numbers with no open referral): reads, marks and erasures.</summary>
    public const string Inbox = "inbox";

    /// <summary>Erasure tombstones: who erased which referral id and when (Subject = the referral id), the only audit rows that name one in the clear.</summary>
    public const string Erasures = "erasures";

    /// <summary>True for a referral's partition (stored under its pseudonym); false for the pseudo-partitions above.</summary>
    public static bool IsReferral(string partition) =>
        partition is not (Admin or Erasures or Inbox) && !partition.StartsWith("pipeline|", StringComparison.Ordinal);
}

/// <summary>The caller kinds that are not a signed-in API caller.</summary>
public static class AuditCallers
{
    public const string ClientLink = "client-link";
    public const string OncologistLink = "oncologist-link";
    public const string Admin = "admin";
    public const string System = "system";
}
