namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Records that are written once and never changed (a client's intake, a text the client sent) which this host wrote or
/// read, kept for <c>Caching:ReferralsFor</c> (issue #16 item 4b): the activities that follow an answer (screening it,
/// building the plan from the intake, processing the reply) read what the answer's request stored a moment before, so on
/// the host that stored it they read it from here. A record that cannot change cannot be stale; one that is gone
/// (erasure, retention) is forgotten here by the store that deletes it on this host, and an erased referral's orchestration
/// is terminated before its rows go, so no activity asks another host's copy for it. Only what was found is kept (an
/// answer not stored yet is read again next time). The records are shared, not copied: they are immutable records. The
/// copy holds health information in memory only, never in logs, telemetry or engine history. A zero lifetime keeps nothing.
/// </summary>
public sealed class WrittenOnceRecords(TimeSpan lifetime, TimeProvider clock)
{
    private readonly ExpiringEntries<(string Table, string PartitionKey, string RowKey), object> records = new(lifetime, clock);

    /// <summary>The remembered record at these keys, or null.</summary>
    public TRecord? Get<TRecord>(string table, string partitionKey, string rowKey)
        where TRecord : class =>
        records.TryGet((table, partitionKey, rowKey), out var record) ? record as TRecord : null;

    public void Remember(string table, string partitionKey, string rowKey, object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        records.Set((table, partitionKey, rowKey), record);
    }

    public void Forget(string table, string partitionKey, string rowKey) => records.Remove((table, partitionKey, rowKey));

    /// <summary>Forgets every record of a referral (partitioned by its id), in every table: erasure.</summary>
    public void ForgetReferral(string referralId)
    {
        ArgumentNullException.ThrowIfNull(referralId);
        records.RemoveWhere(k => string.Equals(k.PartitionKey, referralId, StringComparison.Ordinal));
    }
}
