using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Sessions and follow-ups of a referral in one partition of <c>Sessions</c> (PartitionKey = referral id; RowKey
/// "s|{number:D3}" for a session, "f|{followUpId}" for a follow-up), so a referral's history is one partition query and a
/// session or follow-up is written once. Each session is also copied to <c>VenueSessions</c> (PartitionKey = venue id,
/// RowKey = "{referral id}|{number:D3}"), so a venue's outcome view is one partition query, never a scan of every referral.
/// </summary>
public sealed class TableSessionStore(StorageTables tables) : ISessionStore
{
    private const string RecordColumn = "Record";

    public async Task<bool> TryRecordSessionAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sessions = await tables.GetAsync(StorageTables.Sessions, cancellationToken);
        var json = JsonSerializer.Serialize(record, AppJson.Options);
        bool inserted;
        try
        {
            await sessions.AddEntityAsync(Row(record.ReferralId, SessionKey(record.SessionNumber), json, record.VenueId, record.RecordedAt), cancellationToken);
            inserted = true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded before. Copy the stored record (not this one) to the venue, in case the earlier call stopped in between.
            var stored = await sessions.GetEntityAsync<TableEntity>(record.ReferralId, SessionKey(record.SessionNumber), cancellationToken: cancellationToken);
            record = Read<SessionRecord>(stored.Value);
            json = stored.Value.GetString(RecordColumn);
            inserted = false;
        }

        var venues = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        try
        {
            await venues.AddEntityAsync(Row(record.VenueId, $"{record.ReferralId}|{SessionKey(record.SessionNumber)[2..]}", json, record.VenueId, record.RecordedAt), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The venue copy exists already.
        }

        return inserted;
    }

    public async Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string referralId, CancellationToken cancellationToken) =>
        await ListAsync<SessionRecord>(StorageTables.Sessions,
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and RowKey ge {"s|"} and RowKey lt {"s}"}"), cancellationToken);

    public async Task<IReadOnlyList<SessionRecord>> ListVenueSessionsAsync(string venueId, CancellationToken cancellationToken) =>
        await ListAsync<SessionRecord>(StorageTables.VenueSessions, TableClient.CreateQueryFilter($"PartitionKey eq {venueId}"), cancellationToken);

    public async Task RecordFollowUpAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sessions = await tables.GetAsync(StorageTables.Sessions, cancellationToken);
        try
        {
            await sessions.AddEntityAsync(Row(record.ReferralId, "f|" + record.FollowUpId, JsonSerializer.Serialize(record, AppJson.Options), null, record.RecordedAt),
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded before: the first result stands.
        }
    }

    public async Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string referralId, CancellationToken cancellationToken) =>
        await ListAsync<FollowUpRecord>(StorageTables.Sessions,
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and RowKey ge {"f|"} and RowKey lt {"f}"}"), cancellationToken);

    private static string SessionKey(int number) => "s|" + number.ToString("D3", CultureInfo.InvariantCulture);

    private static TableEntity Row(string partitionKey, string rowKey, string json, string? venueId, DateTimeOffset recordedAt) => new(partitionKey, rowKey)
    {
        [RecordColumn] = json,
        ["VenueId"] = venueId,
        ["RecordedAt"] = recordedAt,
    };

    private static T Read<T>(TableEntity row) =>
        JsonSerializer.Deserialize<T>(row.GetString(RecordColumn), AppJson.Options)
            ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has no record.");

    private async Task<IReadOnlyList<T>> ListAsync<T>(string tableName, string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var list = new List<T>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(Read<T>(row));
        }

        return list;
    }
}
