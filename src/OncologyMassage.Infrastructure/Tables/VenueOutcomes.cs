using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Each venue's outcome totals (<c>VenueSessions</c>, PartitionKey = venue id): one table transaction adds a marker row
/// ("s|{referral}|{number:D3}" with the session, "f|{referral}|{followUpId}", and "r|{referral}" for a referral's first
/// session) and updates the <c>totals</c> row (ETag-checked), so each session or follow-up is counted exactly once even
/// when a write is retried, and the outcome view is one point read.
/// </summary>
internal sealed class VenueOutcomes(StorageTables tables)
{
    private const string TotalsKey = "totals";

    public async Task<OutcomeTotals> GetAsync(string venueId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        return ReadTotals(await TableRows.ReadAsync(table, venueId, TotalsKey, cancellationToken));
    }

    /// <summary>
    /// Adds <paramref name="marker"/> and counts it in the venue's totals in one transaction, unless the marker exists
    /// (counted before). With a <paramref name="referralId"/>, also tells <paramref name="count"/> whether this is the
    /// first thing counted for that referral (its "r|" marker is added in the same transaction).
    /// </summary>
    public async Task CountAsync(TableEntity marker, string? referralId, Action<OutcomeTotals, bool> count, CancellationToken cancellationToken)
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
}
