using System.Collections.Concurrent;
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
/// <para>
/// A count first tries the transaction without reading (issue #16 item 4, fifth round): the markers are added, not
/// replaced, so one that exists (counted before) fails the whole transaction with 409; the totals row goes back under
/// the ETag this host last committed it with, so one that anyone changed since fails it with 412. Only then are the
/// rows read, as they always were. The totals hold counts only, no personal data.
/// </para>
/// </summary>
internal sealed class VenueOutcomes(StorageTables tables)
{
    private const string TotalsKey = "totals";

    /// <summary>More venues than this and the remembered totals are dropped: memory stays bounded.</summary>
    private const int MaxRemembered = 1_000;

    /// <summary>Each venue's totals row as this host last committed it, with its new ETag.</summary>
    private readonly ConcurrentDictionary<string, TableEntity> remembered = new(StringComparer.Ordinal);

    public async Task<OutcomeTotals> GetAsync(string venueId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        return ReadTotals(await TableRows.ReadAsync(table, venueId, TotalsKey, cancellationToken));
    }

    /// <summary>
    /// Adds <paramref name="marker"/> and counts it in the venue's totals in one transaction, unless the marker exists
    /// (counted before). With a <paramref name="referralId"/>, also tells <paramref name="count"/> whether this is the
    /// first thing counted for that referral (its "r|" marker is added in the same transaction).
    /// <paramref name="likelyFirstOfReferral"/> lets the first attempt assume so without reading the "r|" marker (an
    /// existing one fails that attempt, and the next reads it).
    /// </summary>
    public async Task CountAsync(TableEntity marker, string? referralId, Action<OutcomeTotals, bool> count, CancellationToken cancellationToken, bool likelyFirstOfReferral = false)
    {
        var table = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        var venueId = marker.PartitionKey;
        for (var attempt = 1; ; attempt++)
        {
            // First attempt: no reads where a failed transaction would tell; later attempts read everything.
            var optimistic = attempt == 1;
            var totalsRow = optimistic && remembered.TryGetValue(venueId, out var known)
                ? new TableEntity(known)
                : await TableRows.ReadAsync(table, venueId, TotalsKey, cancellationToken);
            if (!optimistic && await TableRows.ReadAsync(table, venueId, marker.RowKey, cancellationToken) is not null)
            {
                return;
            }

            var firstOfReferral = referralId is not null
                && ((optimistic && likelyFirstOfReferral) || await TableRows.ReadAsync(table, venueId, "r|" + referralId, cancellationToken) is null);
            var totals = ReadTotals(totalsRow);
            count(totals, firstOfReferral);
            var updated = totalsRow ?? new TableEntity(venueId, TotalsKey);
            updated["Totals"] = JsonSerializer.Serialize(totals, AppJson.Options);
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, marker),
                totalsRow is null ? new(TableTransactionActionType.Add, updated) : new(TableTransactionActionType.UpdateReplace, updated, updated.ETag),
            ];
            if (firstOfReferral)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(venueId, "r|" + referralId)));
            }

            try
            {
                var response = await table.SubmitTransactionAsync(actions, cancellationToken);
                Remember(updated, response.Value.Count == actions.Count ? response.Value[1].Headers.ETag : null);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Counted before (the marker exists), another count of the venue got in first (the totals changed), or the
                // referral had been counted (its "r|" marker exists): nothing was written; read again.
                remembered.TryRemove(venueId, out _);
            }

            if (!optimistic)
            {
                await TableRows.BackOffAsync(attempt, "A venue's outcome totals", cancellationToken);
            }
        }
    }

    private void Remember(TableEntity totalsRow, ETag? etag)
    {
        if (etag is null)
        {
            remembered.TryRemove(totalsRow.PartitionKey, out _);
            return;
        }

        if (remembered.Count >= MaxRemembered)
        {
            remembered.Clear();
        }

        remembered[totalsRow.PartitionKey] = new TableEntity(totalsRow) { ETag = etag.Value };
    }

    private static OutcomeTotals ReadTotals(TableEntity? row) =>
        row?.GetString("Totals") is { Length: > 0 } json ? JsonSerializer.Deserialize<OutcomeTotals>(json, AppJson.Options) ?? new() : new();
}
