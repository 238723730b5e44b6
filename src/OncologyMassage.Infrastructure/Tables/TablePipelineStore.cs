using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Coordinators;
using static OncologyMassage.Infrastructure.Tables.PipelineBoardRows;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Reads the pipeline board (<see cref="PipelineBoard"/>, layout in <see cref="PipelineBoardRows"/>) with point reads only:
/// counts are the venue's <c>lanes</c> row; a page walks a stage's bucket chain from its head (or from where the
/// continuation token points) and stops after a page or a fixed number of bucket reads. Referrals sit in the order they
/// entered the stage, so the stuck ones of a stage are the start of its chain (stuck pages and stuck counts stop at
/// the first bucket that holds a referral within its stage's expected duration) and the ones that entered since a time
/// are its end (such a page walks back from the tail, newest first). Nothing is queried, so the cost of a page does not
/// depend on how many referrals the venue or the table holds.
/// </summary>
public sealed class TablePipelineStore(StorageTables tables) : IPipelineStore
{
    /// <summary>Bucket reads one page may make; a page of sparse buckets ends early with a token.</summary>
    public const int MaxBucketReadsPerPage = 16;

    /// <summary>Bucket reads one stage's stuck count may make (enough for the cap when buckets are full).</summary>
    public const int MaxBucketReadsPerStuckCount = 8;

    private const int MaxTokenLength = 256;

    public async Task<PipelineCounts> GetCountsAsync(
        string venueId, IReadOnlyDictionary<Stage, DateTimeOffset> stuckCutoffs, int stuckCap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stuckCutoffs);
        var (table, lanes) = await LanesAsync(venueId, cancellationToken);
        var stuck = await Task.WhenAll(stuckCutoffs
            .Where(c => lanes.TryGetValue(c.Key, out var lane) && lane.Count > 0)
            .Select(async c => (Stage: c.Key, Count: await CountAsync(table, venueId, c.Key, lanes[c.Key].Head, c.Value, stuckCap, cancellationToken))));
        return new PipelineCounts(
            lanes.Where(l => l.Value.Count > 0).ToDictionary(l => l.Key, l => l.Value.Count),
            stuck.Where(c => c.Count > 0).ToDictionary(c => c.Stage, c => c.Count));
    }

    public async Task<PipelinePage> GetPageAsync(PipelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cutoffs = query.EnteredBefore is { Count: > 0 } before ? before : null;
        Stage[] stages = query.Stage is { } only ? [only] : Enum.GetValues<Stage>();
        if (cutoffs is not null)
        {
            stages = [.. stages.Where(cutoffs.ContainsKey)];
        }

        var cursor = query.ContinuationToken is null ? null : Cursor.Decode(query.ContinuationToken);
        if (cursor is not null && !stages.Contains(cursor.Stage))
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid for this query.");
        }

        var (table, lanes) = await LanesAsync(query.VenueId, cancellationToken);
        var newestFirst = query.EnteredSince is not null; // the referrals that entered since a time are the end of a chain
        var rows = new List<PipelineRow>(query.PageSize);
        var reads = 0;
        foreach (var stage in cursor is null ? stages : stages.SkipWhile(s => s != cursor.Stage))
        {
            var fromCursor = cursor?.Stage == stage;
            if (!lanes.TryGetValue(stage, out var lane) || lane.Count == 0)
            {
                continue;
            }

            var number = fromCursor ? cursor!.Bucket : newestFirst ? lane.Tail : lane.Head;
            var mark = fromCursor ? cursor!.After : newestFirst ? long.MaxValue : None; // the last position returned
            DateTimeOffset? cutoff = cutoffs is null ? null : cutoffs[stage];
            while (number != None)
            {
                if (reads == MaxBucketReadsPerPage)
                {
                    return new PipelinePage(rows, new Cursor(stage, number, mark).Encode());
                }

                reads++;
                var row = await TableRows.ReadAsync(table, query.VenueId, BucketKey(stage, number), cancellationToken);
                if (row is null)
                {
                    break;
                }

                var bucket = ReadBucket(row);
                var reachedEnd = false;
                var items = newestFirst
                    ? bucket.Items.Where(i => i.Position < mark).Reverse()
                    : bucket.Items.Where(i => i.Position > mark);
                foreach (var item in items)
                {
                    if (cutoff is not null && item.EnteredAt > cutoff)
                    {
                        reachedEnd |= !newestFirst; // oldest first: the stuck ones are behind us
                        continue;
                    }

                    if (query.EnteredSince is { } since && item.EnteredAt < since)
                    {
                        reachedEnd = true; // newest first: the rest entered earlier
                        continue;
                    }

                    if (rows.Count == query.PageSize)
                    {
                        return new PipelinePage(rows, new Cursor(stage, number, mark).Encode());
                    }

                    rows.Add(new PipelineRow(item.ReferralId, query.VenueId, item.Initials, stage, item.EnteredAt, ParseFlags(item.Flags)));
                    mark = item.Position;
                }

                number = reachedEnd ? None : newestFirst ? bucket.Prev : bucket.Next;
            }
        }

        return new PipelinePage(rows, null);
    }

    /// <summary>Items from the head of the chain that entered at or before the cutoff, until a more recent one, the cap or the read limit.</summary>
    private static async Task<int> CountAsync(TableClient table, string venueId, Stage stage, long head, DateTimeOffset cutoff, int cap, CancellationToken cancellationToken)
    {
        var count = 0;
        var number = head;
        for (var reads = 0; number != None && reads < MaxBucketReadsPerStuckCount; reads++)
        {
            var row = await TableRows.ReadAsync(table, venueId, BucketKey(stage, number), cancellationToken);
            if (row is null)
            {
                break;
            }

            var bucket = ReadBucket(row);
            count += bucket.Items.Count(i => i.EnteredAt <= cutoff);
            if (count >= cap)
            {
                return cap;
            }

            number = bucket.Items.Exists(i => i.EnteredAt > cutoff) ? None : bucket.Next;
        }

        return count;
    }

    private async Task<(TableClient Table, Dictionary<Stage, LaneEnds> Lanes)> LanesAsync(string venueId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Pipeline, cancellationToken);
        return (table, ReadLanes(await TableRows.ReadAsync(table, venueId, LanesKey, cancellationToken)));
    }

    /// <summary>Where a page stopped: the stage, the bucket, and the position of the last referral returned from it.</summary>
    private sealed record Cursor(Stage Stage, long Bucket, long After)
    {
        public string Encode() =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Stage}.{Bucket}.{After}")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Cursor Decode(string token)
        {
            if (token.Length > MaxTokenLength)
            {
                throw new InvalidContinuationTokenException("The continuation token is too long.");
            }

            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var bytes = new byte[base64.Length];
            var parts = Convert.TryFromBase64String(base64, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written).Split('.') : [];
            return parts.Length == 3
                && Enum.TryParse<Stage>(parts[0], out var stage) && Enum.IsDefined(stage) && !int.TryParse(parts[0], CultureInfo.InvariantCulture, out _)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bucket)
                && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var after) && after >= None
                ? new Cursor(stage, bucket, after)
                : throw new InvalidContinuationTokenException("The continuation token is not one this API issued.");
        }
    }
}
