using Azure;
using Azure.Data.Tables;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The one adapter between a table and the records kept in it a row each (a referral's consent, intake, release, plan
/// version, session…): insert-or-conflict, point read, upsert, delete and a query, with the record mapped to and from its
/// row by a <see cref="IRowMapper{TRecord}"/> (usually <see cref="RecordColumns{TRecord}"/>). The stores keep only what is
/// their own: which keys a record has and what a conflict means.
/// </summary>
/// <param name="tables">The app's tables (created on first use).</param>
/// <param name="table">Which of <see cref="StorageTables"/>' tables.</param>
/// <param name="mapper">The record as a row (its PartitionKey and RowKey included) and back.</param>
/// <param name="writtenOnce">
/// For a table whose records are written once and never changed (an intake, a reply): the records this host inserted or
/// found, answered without a read (<see cref="WrittenOnceRecords"/>). Every write or delete through this store forgets
/// its key, so a store that does change a record stays correct, only slower.
/// </param>
public sealed class OneRowStore<TRecord>(StorageTables tables, string table, IRowMapper<TRecord> mapper, WrittenOnceRecords? writtenOnce = null)
    where TRecord : class
{
    /// <summary>The table itself, for what is particular to one store (transactions, ETag-checked patches).</summary>
    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(table, cancellationToken);

    /// <summary>Inserts the record's row; false when a row with its keys exists already (409), which is left as it was.</summary>
    public async Task<bool> TryAddAsync(TRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var client = await TableAsync(cancellationToken);
        var row = mapper.ToRow(record);
        try
        {
            await client.AddEntityAsync(row, cancellationToken);
            writtenOnce?.Remember(table, row.PartitionKey, row.RowKey, record);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Writes the record's row whatever was there (Replace: columns it does not set are removed).</summary>
    public async Task UpsertAsync(TRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var client = await TableAsync(cancellationToken);
        var row = mapper.ToRow(record);
        writtenOnce?.Forget(table, row.PartitionKey, row.RowKey);
        await client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The record at these keys, or null (one point read; none for a record this host wrote or found, with <c>writtenOnce</c>).</summary>
    public async Task<TRecord?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (writtenOnce?.Get<TRecord>(table, partitionKey, rowKey) is { } remembered)
        {
            return remembered;
        }

        if (await GetRowAsync(partitionKey, rowKey, cancellationToken) is not { } row)
        {
            return null;
        }

        var record = mapper.FromRow(row);
        writtenOnce?.Remember(table, partitionKey, rowKey, record);
        return record;
    }

    /// <summary>The raw row at these keys (with its ETag), or null.</summary>
    public async Task<TableEntity?> GetRowAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await TableRows.ReadAsync(await TableAsync(cancellationToken), partitionKey, rowKey, cancellationToken);

    /// <summary>
    /// Merges <paramref name="patch"/> into its row if the row still has <paramref name="etag"/>; false when it changed
    /// or went meanwhile (412, 404), so two racing updates cannot both win.
    /// </summary>
    public async Task<bool> TryMergeAsync(TableEntity patch, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var client = await TableAsync(cancellationToken);
        writtenOnce?.Forget(table, patch.PartitionKey, patch.RowKey);
        try
        {
            await client.UpdateEntityAsync(patch, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes the row at these keys if it still has <paramref name="etag"/>; false when it changed or went meanwhile
    /// (412, 404), so a stale delete never removes what someone else wrote since.
    /// </summary>
    public async Task<bool> TryDeleteAsync(string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        var client = await TableAsync(cancellationToken);
        writtenOnce?.Forget(table, partitionKey, rowKey);
        try
        {
            // A row that is not there is not an error to the SDK: its 404 comes back as the response.
            return (await client.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken)).Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes the row at these keys, if any (deleting nothing is not an error).</summary>
    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var client = await TableAsync(cancellationToken);
        writtenOnce?.Forget(table, partitionKey, rowKey);
        await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
    }

    /// <summary>The records of the rows that match <paramref name="filter"/>, in key order; its values are escaped (<see cref="TableClient.CreateQueryFilter(FormattableString)"/>).</summary>
    public async Task<IReadOnlyList<TRecord>> QueryAsync(FormattableString filter, CancellationToken cancellationToken) =>
        (await QueryRowsAsync(filter, cancellationToken)).Select(mapper.FromRow).ToList();

    /// <summary>The raw rows (with their ETags) that match <paramref name="filter"/>, in key order.</summary>
    public async Task<IReadOnlyList<TableEntity>> QueryRowsAsync(FormattableString filter, CancellationToken cancellationToken)
    {
        var client = await TableAsync(cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(filter), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
