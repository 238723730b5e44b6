using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.Infrastructure.Tables.PipelineBoardRows;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>A referral as it enters a stage on the board.</summary>
public sealed record BoardEntry(string VenueId, string ReferralId, string Initials, Stage Stage, DateTimeOffset EnteredAt, IReadOnlyList<ReferralFlagKind> Flags);

/// <summary>
/// Writes the pipeline board (layout: <see cref="PipelineBoardRows"/>). A stage move is one table transaction in the
/// venue's partition: the referral leaves its bucket, joins the tail bucket of its new stage, and the venue's counts and
/// chain ends change with it, all or nothing. The transaction carries the ETag of every row it read, the <c>lanes</c>
/// row included, so moves of one venue are serialised and a lost race re-reads and tries again; counts cannot drift.
/// A bucket emptied in the middle of a chain is unlinked (it keeps its own Next, so a continuation token that points at
/// it still leads on), so a page never walks through empty buckets.
/// <para>
/// The board remembers the rows it last read or committed, with their ETags (<see cref="RecentRows"/>), and a move starts
/// from those instead of reading them again: every row a move commits is ETag-checked, so a remembered row that changed
/// since (another host's move, a flag) fails the transaction, the rows it touched are forgotten and the move reads them
/// as before. On one host, which made the last moves of its venues, a move then costs its one transaction (issue #16
/// item 4b: four reads per move went).
/// </para>
/// </summary>
public sealed class PipelineBoard(StorageTables tables, int bucketCapacity = PipelineBoard.DefaultBucketCapacity)
{
    private readonly RecentRows recent = new();

    /// <summary>
    /// Referrals per bucket: a page of 50 is one or two point reads, a stuck count up to its cap of 100 is one read when
    /// the head bucket is full, and a full bucket (at most ~170 characters per referral) stays well below the 64 KiB a
    /// string property may hold.
    /// </summary>
    public const int DefaultBucketCapacity = 100;

    /// <summary>
    /// Puts the referral in <paramref name="entry"/>'s stage unless the board already holds it at this or a later stage
    /// sequence (a replayed or overtaken move changes nothing). Its flags are the ones it had plus <see cref="BoardEntry.Flags"/>.
    /// </summary>
    public async Task MoveAsync(BoardEntry entry, int stageSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await tables.GetAsync(StorageTables.Pipeline, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var lanesRow = await recent.ReadAsync(table, entry.VenueId, LanesKey, cancellationToken);
            var location = await recent.ReadAsync(table, entry.VenueId, LocationKey(entry.ReferralId), cancellationToken);
            if ((location?.GetInt32("StageSequence") ?? int.MinValue) >= stageSequence)
            {
                return; // the sequence only grows: a remembered row this far on is at least this far on in storage
            }

            var change = new Change(table, entry.VenueId, ReadLanes(lanesRow), recent);
            var flags = ParseFlags(location?.GetString(FlagsColumn)).Union(entry.Flags).ToArray();
            if (location is not null)
            {
                await change.RemoveAsync(entry.ReferralId, Enum.Parse<Stage>(location.GetString("Stage")), location.GetInt64("Bucket") ?? None, cancellationToken);
            }

            var (bucket, position) = await change.AppendAsync(entry with { Flags = flags }, bucketCapacity, cancellationToken);
            var newLocation = new TableEntity(entry.VenueId, LocationKey(entry.ReferralId))
            {
                ["Stage"] = entry.Stage.ToString(),
                ["Bucket"] = bucket,
                ["Position"] = position,
                ["StageSequence"] = stageSequence,
                ["EnteredAt"] = entry.EnteredAt,
                [FlagsColumn] = FormatFlags(flags),
                ETag = location?.ETag ?? default,
            };

            if (await change.TryCommitAsync(lanesRow, newLocation, location is null, cancellationToken))
            {
                return;
            }

            await TableRows.BackOffAsync(attempt, "The pipeline board", cancellationToken);
        }
    }

    /// <summary>
    /// Takes the referral off the board (its referral is erased): it leaves its bucket, its stage's count goes down and
    /// its location row goes, in one transaction like a move. Nothing happens when it is not on the board, so a rerun is safe.
    /// </summary>
    public async Task RemoveAsync(string venueId, string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Pipeline, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var lanesRow = await TableRows.ReadAsync(table, venueId, LanesKey, cancellationToken);
            var location = await TableRows.ReadAsync(table, venueId, LocationKey(referralId), cancellationToken);
            if (location is null)
            {
                return;
            }

            var change = new Change(table, venueId, ReadLanes(lanesRow), recent);
            await change.RemoveAsync(referralId, Enum.Parse<Stage>(location.GetString("Stage")), location.GetInt64("Bucket") ?? None, cancellationToken);
            if (await change.TryCommitRemovalAsync(lanesRow, location, cancellationToken))
            {
                return;
            }

            await TableRows.BackOffAsync(attempt, "The pipeline board", cancellationToken);
        }
    }

    /// <summary>Adds a flag to the referral's row on the board and to its item in its bucket (nothing when it is not on the board).</summary>
    public async Task AddFlagAsync(string venueId, string referralId, ReferralFlagKind flag, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Pipeline, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var location = await TableRows.ReadAsync(table, venueId, LocationKey(referralId), cancellationToken);
            var flags = ParseFlags(location?.GetString(FlagsColumn));
            if (location is null || flags.Contains(flag))
            {
                return;
            }

            var stage = Enum.Parse<Stage>(location.GetString("Stage"));
            var bucketRow = await TableRows.ReadAsync(table, venueId, BucketKey(stage, location.GetInt64("Bucket") ?? None), cancellationToken)
                ?? throw new InvalidDataException($"The board of venue {venueId} has no bucket for referral {referralId}.");
            var bucket = ReadBucket(bucketRow);
            var formatted = FormatFlags([.. flags, flag]);
            var at = bucket.Items.FindIndex(i => i.ReferralId == referralId);
            if (at >= 0)
            {
                bucket.Items[at] = bucket.Items[at] with { Flags = formatted };
            }

            location[FlagsColumn] = formatted;
            try
            {
                await table.SubmitTransactionAsync([Write(location, isNew: false), Write(WriteBucket(bucket), isNew: false)], cancellationToken);
                recent.Forget(venueId, location.RowKey);
                recent.Forget(venueId, bucketRow.RowKey);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // A move or another flag changed one of the rows: read again.
            }

            await TableRows.BackOffAsync(attempt, "The pipeline board", cancellationToken);
        }
    }

    /// <summary>
    /// The rows of a whole venue's board holding <paramref name="entries"/> (in entry order per stage), as a run of moves
    /// into an empty board would leave them (stage sequence 0, so any later move applies): for seeding a benchmark.
    /// </summary>
    public static IEnumerable<TableEntity> LayOut(string venueId, IEnumerable<BoardEntry> entries, int bucketCapacity = DefaultBucketCapacity)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lanes = new Dictionary<Stage, LaneEnds>();
        var open = new Dictionary<Stage, BucketState>();
        foreach (var entry in entries)
        {
            var lane = lanes.TryGetValue(entry.Stage, out var l) ? l : lanes[entry.Stage] = new LaneEnds();
            if (!open.TryGetValue(entry.Stage, out var bucket) || bucket.Items.Count >= bucketCapacity)
            {
                var number = lane.Buckets++;
                if (bucket is not null)
                {
                    bucket.Next = number;
                    yield return WriteBucket(bucket);
                }

                bucket = open[entry.Stage] = BucketState.Create(venueId, entry.Stage, number, lane.Tail);
                lane.Head = lane.Head == None ? number : lane.Head;
                lane.Tail = number;
            }

            var position = lane.Appended++;
            lane.Count++;
            bucket.Items.Add(new BoardItem(entry.ReferralId, entry.Initials, entry.EnteredAt, position, FormatFlags(entry.Flags)));
            yield return new TableEntity(venueId, LocationKey(entry.ReferralId))
            {
                ["Stage"] = entry.Stage.ToString(),
                ["Bucket"] = lane.Tail,
                ["Position"] = position,
                ["StageSequence"] = 0,
                ["EnteredAt"] = entry.EnteredAt,
                [FlagsColumn] = FormatFlags(entry.Flags),
            };
        }

        foreach (var bucket in open.Values)
        {
            yield return WriteBucket(bucket);
        }

        var lanesRow = new TableEntity(venueId, LanesKey);
        WriteLanes(lanesRow, lanes);
        yield return lanesRow;
    }

    /// <summary>The rows one move reads and changes, committed together.</summary>
    private sealed class Change(TableClient table, string venueId, Dictionary<Stage, LaneEnds> lanes, RecentRows recent)
    {
        private readonly Dictionary<string, BucketState> buckets = new(StringComparer.Ordinal);

        public async Task RemoveAsync(string referralId, Stage stage, long number, CancellationToken cancellationToken)
        {
            var lane = Lane(stage);
            var bucket = await BucketAsync(stage, number, cancellationToken);
            if (bucket.Items.RemoveAll(i => i.ReferralId == referralId) == 0)
            {
                return;
            }

            lane.Count = Math.Max(0, lane.Count - 1);
            if (bucket.Items.Count > 0 || number == lane.Tail || !bucket.Linked)
            {
                return;
            }

            // Empty and not the tail: take it out of the chain; it keeps its Next for tokens that point at it.
            if (bucket.Prev == None)
            {
                lane.Head = bucket.Next;
            }
            else
            {
                (await BucketAsync(stage, bucket.Prev, cancellationToken)).Next = bucket.Next;
            }

            (await BucketAsync(stage, bucket.Next, cancellationToken)).Prev = bucket.Prev;
            bucket.Linked = false;
        }

        public async Task<(long Bucket, long Position)> AppendAsync(BoardEntry entry, int capacity, CancellationToken cancellationToken)
        {
            var lane = Lane(entry.Stage);
            BucketState tail;
            if (lane.Tail == None)
            {
                tail = New(entry.Stage, lane, prev: None);
                lane.Head = lane.Tail;
            }
            else
            {
                tail = await BucketAsync(entry.Stage, lane.Tail, cancellationToken);
                if (tail.Items.Count >= capacity)
                {
                    var previous = tail;
                    tail = New(entry.Stage, lane, prev: lane.Tail);
                    previous.Next = lane.Tail;
                }
            }

            var position = lane.Appended++;
            lane.Count++;
            tail.Items.Add(new BoardItem(entry.ReferralId, entry.Initials, entry.EnteredAt, position, FormatFlags(entry.Flags)));
            return (lane.Tail, position);
        }

        /// <summary>False when another write got in first (a row's ETag changed or a new row already exists).</summary>
        public async Task<bool> TryCommitAsync(TableEntity? lanesRow, TableEntity location, bool locationIsNew, CancellationToken cancellationToken)
        {
            var lanesEntity = lanesRow ?? new TableEntity(venueId, LanesKey);
            WriteLanes(lanesEntity, lanes);
            List<TableTransactionAction> actions =
            [
                Write(lanesEntity, isNew: lanesRow is null),
                Write(location, locationIsNew),
                .. buckets.Values.Select(b => Write(WriteBucket(b), b.IsNew)),
            ];
            return await recent.TryCommitAsync(table, actions, cancellationToken);
        }

        /// <summary>Commits a removal: the lanes and buckets changed, and the location row deleted (ETag-checked).</summary>
        public async Task<bool> TryCommitRemovalAsync(TableEntity? lanesRow, TableEntity location, CancellationToken cancellationToken)
        {
            var lanesEntity = lanesRow ?? new TableEntity(venueId, LanesKey);
            WriteLanes(lanesEntity, lanes);
            List<TableTransactionAction> actions =
            [
                Write(lanesEntity, isNew: lanesRow is null),
                new(TableTransactionActionType.Delete, location, location.ETag),
                .. buckets.Values.Select(b => Write(WriteBucket(b), b.IsNew)),
            ];
            return await recent.TryCommitAsync(table, actions, cancellationToken);
        }

        private LaneEnds Lane(Stage stage) => lanes.TryGetValue(stage, out var lane) ? lane : lanes[stage] = new LaneEnds();

        private BucketState New(Stage stage, LaneEnds lane, long prev)
        {
            var number = lane.Buckets++;
            var bucket = BucketState.Create(venueId, stage, number, prev);
            buckets[bucket.Row.RowKey] = bucket;
            lane.Tail = number;
            return bucket;
        }

        private async Task<BucketState> BucketAsync(Stage stage, long number, CancellationToken cancellationToken)
        {
            var key = BucketKey(stage, number);
            if (!buckets.TryGetValue(key, out var bucket))
            {
                var row = await recent.ReadAsync(table, venueId, key, cancellationToken)
                    ?? throw new InvalidDataException($"The board of venue {venueId} has no bucket {key}.");
                bucket = buckets[key] = ReadBucket(row);
            }

            return bucket;
        }
    }

    /// <summary>
    /// The board rows this host last read or committed, with their ETags, handed out as copies (a move changes what it
    /// reads). Only rows that exist are kept; a failed commit forgets every row it carried. Bounded: past
    /// <see cref="MaxRows"/> everything is forgotten (and read again when needed).
    /// </summary>
    private sealed class RecentRows
    {
        private const int MaxRows = 20_000;
        private readonly ConcurrentDictionary<(string Partition, string Row), TableEntity> rows = new();

        public async Task<TableEntity?> ReadAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        {
            if (rows.TryGetValue((partitionKey, rowKey), out var known))
            {
                return new TableEntity(known);
            }

            var row = await TableRows.ReadAsync(table, partitionKey, rowKey, cancellationToken);
            if (row is not null)
            {
                Remember(row);
            }

            return row;
        }

        public void Forget(string partitionKey, string rowKey) => rows.TryRemove((partitionKey, rowKey), out _);

        /// <summary>
        /// Commits one move's rows; false when another write got in first (a row's ETag changed, a new row exists or a
        /// remembered row is gone), and then none of them is remembered any more.
        /// </summary>
        public async Task<bool> TryCommitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
        {
            Response<IReadOnlyList<Response>> response;
            try
            {
                response = await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                foreach (var action in actions)
                {
                    Forget(action.Entity.PartitionKey, action.Entity.RowKey);
                }

                return false;
            }

            // One response per action, in the actions' order; a row whose new ETag is unknown is forgotten (read next time).
            var results = response.Value;
            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i];
                var etag = results.Count == actions.Count ? results[i].Headers.ETag : null;
                if (action.ActionType == TableTransactionActionType.Delete || etag is null || action.Entity is not TableEntity written)
                {
                    Forget(action.Entity.PartitionKey, action.Entity.RowKey);
                }
                else
                {
                    Remember(new TableEntity(written) { ETag = etag.Value });
                }
            }

            return true;
        }

        private void Remember(TableEntity row)
        {
            if (rows.Count >= MaxRows)
            {
                rows.Clear();
            }

            rows[(row.PartitionKey, row.RowKey)] = new TableEntity(row);
        }
    }
}
