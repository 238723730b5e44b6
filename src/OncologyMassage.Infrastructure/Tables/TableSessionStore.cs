using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Sessions and follow-ups of a referral in one partition of <c>Sessions</c> (PartitionKey = referral id; RowKey
/// "s|{number:D3}" for a session, "f|{followUpId}" for a follow-up), so a referral's history is one partition query and a
/// session or follow-up is written once. Each is then counted in its venue's outcome totals (<c>VenueSessions</c>,
/// PartitionKey = venue id): one table transaction adds a marker row ("s|{referral}|{number:D3}" with the session,
/// "f|{referral}|{followUpId}", and "r|{referral}" for a referral's first session) and updates the <c>totals</c> row
/// (ETag-checked), so each is counted exactly once even when a write is retried, and the outcome view is one point read.
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

        // Counted for the venue even when the session was recorded before: an earlier call may have stopped in between.
        var venueRow = Row(record.VenueId, $"s|{record.ReferralId}|{SessionKey(record.SessionNumber)[2..]}", json, record.VenueId, record.RecordedAt);
        var outcome = record.ToOutcome();
        await CountForVenueAsync(venueRow, record.ReferralId, (totals, first) => totals.AddSession(outcome, first), cancellationToken);

        return inserted;
    }

    public async Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string referralId, CancellationToken cancellationToken) =>
        await ListAsync<SessionRecord>(StorageTables.Sessions,
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and RowKey ge {"s|"} and RowKey lt {"s}"}"), cancellationToken);

    public async Task<OutcomeTotals> GetVenueOutcomesAsync(string venueId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        return ReadTotals(await TableRows.ReadAsync(table, venueId, TotalsKey, cancellationToken));
    }

    public async Task RecordFollowUpAsync(FollowUpRecord record, string? venueId, CancellationToken cancellationToken)
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
            // Recorded before: the first result stands (and is what the venue counts).
            var stored = await sessions.GetEntityAsync<TableEntity>(record.ReferralId, "f|" + record.FollowUpId, cancellationToken: cancellationToken);
            record = Read<FollowUpRecord>(stored.Value);
        }

        if (!string.IsNullOrEmpty(venueId))
        {
            var replied = record.Replied;
            await CountForVenueAsync(new TableEntity(venueId, $"f|{record.ReferralId}|{TableRows.SafeKey(record.FollowUpId)}") { ["Replied"] = replied },
                referralId: null, (totals, _) => totals.AddFollowUp(replied), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string referralId, CancellationToken cancellationToken) =>
        await ListAsync<FollowUpRecord>(StorageTables.Sessions,
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and RowKey ge {"f|"} and RowKey lt {"f}"}"), cancellationToken);

    private const string TotalsKey = "totals";

    /// <summary>
    /// Adds <paramref name="marker"/> and counts it in the venue's totals in one transaction, unless the marker exists
    /// (counted before). With a <paramref name="referralId"/>, also tells <paramref name="count"/> whether this is the
    /// first thing counted for that referral (its "r|" marker is added in the same transaction).
    /// </summary>
    private async Task CountForVenueAsync(TableEntity marker, string? referralId, Action<OutcomeTotals, bool> count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var totalsRow = await TableRows.ReadAsync(table, marker.PartitionKey, TotalsKey, cancellationToken);
            if (await TableRows.ReadAsync(table, marker.PartitionKey, marker.RowKey, cancellationToken) is not null)
            {
                return;
            }

            var firstOfReferral = referralId is not null
                && await TableRows.ReadAsync(table, marker.PartitionKey, "r|" + referralId, cancellationToken) is null;
            var totals = ReadTotals(totalsRow);
            count(totals, firstOfReferral);
            var updated = totalsRow ?? new TableEntity(marker.PartitionKey, TotalsKey);
            updated["Totals"] = JsonSerializer.Serialize(totals, AppJson.Options);
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, marker),
                totalsRow is null ? new(TableTransactionActionType.Add, updated) : new(TableTransactionActionType.UpdateReplace, updated, updated.ETag),
            ];
            if (firstOfReferral)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(marker.PartitionKey, "r|" + referralId)));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another session or follow-up of the venue was counted meanwhile (or this one, by a retry): read again.
            }

            await TableRows.BackOffAsync(attempt, "A venue's outcome totals", cancellationToken);
        }
    }

    private static OutcomeTotals ReadTotals(TableEntity? row) =>
        row?.GetString("Totals") is { Length: > 0 } json ? JsonSerializer.Deserialize<OutcomeTotals>(json, AppJson.Options) ?? new() : new();

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
