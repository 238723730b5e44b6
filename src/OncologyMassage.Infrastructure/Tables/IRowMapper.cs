using Azure.Data.Tables;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>How a record becomes its row (keys included) and back: what <see cref="OneRowStore{TRecord}"/> needs of a store.</summary>
public interface IRowMapper<TRecord>
{
    TableEntity ToRow(TRecord record);

    TRecord FromRow(TableEntity row);
}

/// <summary>A row mapper written by hand, for rows that are not a record's properties as columns (see <see cref="RecordColumns{TRecord}"/>).</summary>
public sealed class RowMapper<TRecord>(Func<TRecord, TableEntity> toRow, Func<TableEntity, TRecord> fromRow) : IRowMapper<TRecord>
{
    public TableEntity ToRow(TRecord record) => toRow(record);

    public TRecord FromRow(TableEntity row) => fromRow(row);
}
