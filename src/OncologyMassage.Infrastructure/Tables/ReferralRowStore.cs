namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The stores that keep one record per referral under one fixed RowKey (PartitionKey = referral id), so recording is an
/// insert and a second one conflicts (a link used twice): the port methods they share, over <see cref="OneRowStore{TRecord}"/>
/// and <see cref="RecordColumns{TRecord}"/>. A store adds only what is particular to it.
/// </summary>
/// <param name="tables">The app's tables.</param>
/// <param name="table">The store's table.</param>
/// <param name="rowKey">The one RowKey of every record.</param>
/// <param name="referralIdProperty">The record's referral id property (the PartitionKey).</param>
/// <param name="writtenOnce">For records never changed once stored: this host's copies of those it wrote or found (<see cref="OneRowStore{TRecord}"/>).</param>
public abstract class ReferralRowStore<TRecord>(StorageTables tables, string table, string rowKey, string referralIdProperty, WrittenOnceRecords? writtenOnce = null)
    where TRecord : class
{
    /// <summary>The rows, for what a store adds (e.g. an ETag-checked update).</summary>
    protected OneRowStore<TRecord> Rows { get; } = new(tables, table, new RecordColumns<TRecord>(referralIdProperty, _ => rowKey), writtenOnce);

    /// <summary>The one RowKey of the store's records.</summary>
    protected string RowKey => rowKey;

    /// <summary>Records it; false when the referral has one already (kept as it was).</summary>
    public Task<bool> TryRecordAsync(TRecord record, CancellationToken cancellationToken) => Rows.TryAddAsync(record, cancellationToken);

    public Task<TRecord?> GetAsync(string referralId, CancellationToken cancellationToken) => Rows.GetAsync(referralId, rowKey, cancellationToken);

    public Task DeleteAsync(string referralId, CancellationToken cancellationToken) => Rows.DeleteAsync(referralId, rowKey, cancellationToken);
}
