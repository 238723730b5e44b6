using Azure.Data.Tables;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The referral rows this host last read or wrote, each with its ETag, kept for <c>Caching:ReferralsFor</c> (issue #16
/// item 4b: one journey read the same row about 37 times). Two uses, both safe with a stale copy:
/// <list type="bullet">
/// <item>a stage move writes from the remembered row under its ETag instead of reading it first; if anyone wrote the row
/// since (another host, a red flag), the write fails with 412 and the move reads the row as before;</item>
/// <item><see cref="TableReferralStore.GetFactsAsync"/> answers the facts that never change after submission (the referral
/// as submitted: client, venue, service) from it.</item>
/// </list>
/// Rows are copied in and out, so no caller sees another's changes. The copy holds the referral's personal data in memory
/// only (never logs, telemetry or engine history); erasure forgets it on this host, and an erased referral's orchestration
/// is terminated before its rows go, so no activity asks for it afterwards. Bounded and expired by <see cref="ExpiringEntries{TKey, TValue}"/>;
/// a zero lifetime keeps nothing.
/// </summary>
public sealed class ReferralRowCache(TimeSpan lifetime, TimeProvider clock)
{
    private readonly ExpiringEntries<string, TableEntity> rows = new(lifetime, clock);

    /// <summary>A copy of the remembered row of <paramref name="referralId"/>, or null when there is none or it expired.</summary>
    public TableEntity? Get(string referralId)
    {
        ArgumentNullException.ThrowIfNull(referralId);
        return rows.TryGet(referralId, out var row) ? new TableEntity(row) : null;
    }

    /// <summary>Remembers a copy of <paramref name="row"/> as stored now (its ETag must be the stored row's).</summary>
    public void Remember(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!rows.Keeps || row.ETag == default)
        {
            Forget(row.PartitionKey);
            return;
        }

        rows.Set(row.PartitionKey, new TableEntity(row));
    }

    public void Forget(string referralId) => rows.Remove(referralId);
}
