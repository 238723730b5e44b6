using System.Text.Json;
using Azure.Data.Tables;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Rows that hold a whole record as one JSON column, <c>Record</c> (<see cref="AppJson"/>), with the venue and the time
/// beside it as typed columns: sessions and follow-ups (<see cref="TableSessionStore"/>) and the venue's copies of them
/// (<see cref="VenueOutcomes"/>). Erasure reads the column too (<see cref="TableReferralData"/>).
/// </summary>
internal sealed class JsonRecordRows<TRecord>(Func<TRecord, (string PartitionKey, string RowKey)> keysOf, Func<TRecord, string?> venueOf, Func<TRecord, DateTimeOffset> recordedAtOf)
    : IRowMapper<TRecord>
{
    public const string RecordColumn = "Record";

    public TableEntity ToRow(TRecord record)
    {
        var (partitionKey, rowKey) = keysOf(record);
        return Row(partitionKey, rowKey, record);
    }

    /// <summary>The record's row under other keys (a copy kept elsewhere).</summary>
    public TableEntity Row(string partitionKey, string rowKey, TRecord record) => new(partitionKey, rowKey)
    {
        [RecordColumn] = JsonSerializer.Serialize(record, AppJson.Options),
        ["VenueId"] = venueOf(record),
        ["RecordedAt"] = recordedAtOf(record),
    };

    public TRecord FromRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonSerializer.Deserialize<TRecord>(row.GetString(RecordColumn), AppJson.Options)
            ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has no record.");
    }
}
