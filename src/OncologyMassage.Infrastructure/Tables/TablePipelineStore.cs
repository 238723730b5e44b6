using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The pipeline read model. A page is one range query on the venue's StageIndex partition (row key "{stage}|{id}", so a
/// stage is a key range) with the table's own continuation token; counts are the venue's StageCounts rows (one
/// partition, one row per stage), maintained by <see cref="TableReferralStore.ApplyStageChangeAsync"/>. Stuck
/// referrals come from StageAge (row key "{stage}|{ticks entered}|{id}"): the ones past a stage's limit are the start
/// of its key range, so neither a stuck page nor a stuck count reads a single row that is not stuck.
/// </summary>
public sealed class TablePipelineStore(StorageTables tables) : IPipelineStore
{
    internal const string FlagsColumn = "Flags";
    private const int MaxTokenLength = 2048;
    private const int MaxServerPages = 5;
    private static readonly string[] Columns = ["RowKey", "ReferralId", "Stage", "EnteredAt", "Initials", FlagsColumn];

    public async Task<IReadOnlyDictionary<Stage, int>> GetCountsAsync(string venueId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.StageCounts, cancellationToken);
        var counts = new Dictionary<Stage, int>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {venueId}"), cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<Stage>(row.RowKey, out var stage))
            {
                counts[stage] = row.GetInt32(StageCounters.CountColumn) ?? 0;
            }
        }

        return counts;
    }

    public async Task<PipelinePage> GetPageAsync(PipelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ContinuationToken is { Length: > MaxTokenLength })
        {
            throw new InvalidContinuationTokenException("The continuation token is too long.");
        }

        var stuck = query.EnteredBefore is { Count: > 0 };
        var table = await tables.GetAsync(stuck ? StorageTables.StageAge : StorageTables.StageIndex, cancellationToken);
        var filter = Filter(query);
        var rows = new List<PipelineRow>();
        var token = query.ContinuationToken is null ? null : DecodeToken(query.ContinuationToken);

        // A filtered query may come back with fewer rows than asked and a token: fetch whole server pages until the
        // page is full, the rows run out, or a few round trips have been spent (the caller continues with the token).
        for (var round = 0; round < MaxServerPages && rows.Count < query.PageSize; round++)
        {
            Page<TableEntity>? page = null;
            try
            {
                await foreach (var p in table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize - rows.Count, select: Columns, cancellationToken: cancellationToken)
                    .AsPages(token, query.PageSize - rows.Count))
                {
                    page = p;
                    break;
                }
            }
            catch (Exception ex) when (ex is RequestFailedException { Status: 400 } or FormatException or ArgumentException)
            {
                throw new InvalidContinuationTokenException("The continuation token is not valid for this query.", ex);
            }

            if (page is null)
            {
                token = null;
                break;
            }

            rows.AddRange(page.Values.Select(row => ToRow(query.VenueId, row)));
            token = page.ContinuationToken;
            if (token is null)
            {
                break;
            }
        }

        return new PipelinePage(rows, token is null ? null : EncodeToken(token));
    }

    /// <summary>The table's token, base64url-wrapped so it travels in a query string as one opaque word.</summary>
    private static string EncodeToken(string token) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeToken(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written > 0
            ? System.Text.Encoding.UTF8.GetString(bytes, 0, written)
            : throw new InvalidContinuationTokenException("The continuation token is not one this API issued.");
    }

    public async Task<int> CountEnteredBeforeAsync(string venueId, Stage stage, DateTimeOffset enteredAtOrBefore, int cap, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.StageAge, cancellationToken);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(AgeRange(venueId, stage, enteredAtOrBefore), maxPerPage: Math.Min(cap, 1000), select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            if (++count >= cap)
            {
                break;
            }
        }

        return count;
    }

    private static string Filter(PipelineQuery query)
    {
        if (query.EnteredBefore is { Count: > 0 } before)
        {
            var perStage = before
                .Where(b => query.Stage is null || b.Key == query.Stage)
                .OrderBy(b => b.Key.ToString(), StringComparer.Ordinal)
                .Select(b => AgeRange(query.VenueId, b.Key, b.Value))
                .ToArray();
            return perStage.Length == 1 ? perStage[0] : string.Join(" or ", perStage.Select(p => $"({p})"));
        }

        return query.Stage is { } stage
            ? StageRange(query.VenueId, stage)
            : TableClient.CreateQueryFilter($"PartitionKey eq {query.VenueId}");
    }

    /// <summary>StageAge keys of one stage that entered it at or before the time: "{stage}|" up to "{stage}|{ticks + 1}".</summary>
    private static string AgeRange(string venueId, Stage stage, DateTimeOffset enteredAtOrBefore)
    {
        var from = stage + "|";
        var to = $"{stage}|{(enteredAtOrBefore.UtcTicks + 1).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)}";
        return TableClient.CreateQueryFilter($"PartitionKey eq {venueId} and RowKey ge {from} and RowKey lt {to}");
    }

    /// <summary>The row keys of one stage: "{stage}|" up to "{stage}}" ('}' follows '|').</summary>
    private static string StageRange(string venueId, Stage stage)
    {
        var from = stage + "|";
        var to = stage + "}";
        return TableClient.CreateQueryFilter($"PartitionKey eq {venueId} and RowKey ge {from} and RowKey lt {to}");
    }

    private static PipelineRow ToRow(string venueId, TableEntity row) => new(
        row.GetString("ReferralId") ?? row.RowKey[(row.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..],
        venueId,
        row.GetString("Initials") ?? "",
        Enum.Parse<Stage>(row.GetString("Stage") ?? row.RowKey[..row.RowKey.IndexOf('|', StringComparison.Ordinal)]),
        row.GetDateTimeOffset("EnteredAt") ?? default,
        ParseFlags(row.GetString(FlagsColumn)));

    internal static IReadOnlyList<ReferralFlagKind> ParseFlags(string? flags) =>
        (flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Enum.TryParse<ReferralFlagKind>(f, out var kind) ? kind : (ReferralFlagKind?)null)
            .OfType<ReferralFlagKind>()
            .Distinct()
            .ToArray();

    internal static string FormatFlags(IEnumerable<ReferralFlagKind> flags) => string.Join(',', flags.Distinct().Order());
}

/// <summary>Per-venue stage counters (table StageCounts: PartitionKey venue, RowKey stage, column Count).</summary>
internal static class StageCounters
{
    public const string CountColumn = "Count";

    /// <summary>Adds <paramref name="delta"/> to the counter with optimistic concurrency (ETag), retrying on 409/412.</summary>
    public static async Task AdjustAsync(TableClient counts, string venueId, Stage stage, int delta, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await counts.GetEntityIfExistsAsync<TableEntity>(venueId, stage.ToString(), cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await counts.AddEntityAsync(new TableEntity(venueId, stage.ToString()) { [CountColumn] = Math.Max(0, delta) }, cancellationToken);
                    return;
                }

                var row = current.Value!;
                row[CountColumn] = Math.Max(0, (row.GetInt32(CountColumn) ?? 0) + delta);
                await counts.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another move changed the counter meanwhile: read it again.
            }
        }
    }
}
