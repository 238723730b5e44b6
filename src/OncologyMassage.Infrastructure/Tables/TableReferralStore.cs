using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Referral rows (PartitionKey = referral id, RowKey "referral"), the pipeline board on every stage move
/// (<see cref="PipelineBoard"/>) and the timeline, in the referral's own partition (RowKey "t|" + zero-padded sequence,
/// so entries come back in order and a replayed write is a conflict, not a duplicate; "t|x-" + event key for entries
/// written outside the orchestration). A stage move is one transaction: the referral row and its entry. Entries written
/// before that (the Timeline table, same keys without "t|") are read in place with the new ones.
/// </summary>
/// <para>
/// With a <see cref="ReferralRowCache"/>, the rows it read or wrote are remembered with their ETags: a stage move writes
/// without reading first, and <see cref="GetFactsAsync"/> answers from the copy.
/// </para>
public sealed class TableReferralStore(StorageTables tables, PipelineBoard board, ReferralRowCache? recent = null) : IReferralStore
{
    internal const string ReferralRowKey = "referral";

    public async Task<bool> TryCreateAsync(ReferralRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var entity = ToEntity(record);
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            Remember(entity, response);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReferralRecord?> GetAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(referralId, ReferralRowKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            recent?.Forget(referralId);
            return null;
        }

        recent?.Remember(response.Value!);
        return FromEntity(response.Value!);
    }

    public async Task<ReferralRecord?> GetFactsAsync(string referralId, CancellationToken cancellationToken) =>
        recent?.Get(referralId) is { } remembered ? FromEntity(remembered) : await GetAsync(referralId, cancellationToken);

    public async Task<IReadOnlyList<ReferralRecord>> ListReceivedAsync(DateTimeOffset createdFrom, DateTimeOffset createdUntil, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var low = ReferralIds.LowestAt(createdFrom);
        var high = ReferralIds.LowestAt(createdUntil.AddMilliseconds(1)); // every id created at or before `createdUntil` sorts below this
        var received = nameof(Stage.Received);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {low} and PartitionKey lt {high} and RowKey eq {ReferralRowKey} and Stage eq {received}");
        var rows = new List<ReferralRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(e));
        }

        return rows;
    }

    public async Task ApplyStageChangeAsync(StageChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var referrals = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var note = TimelineRow(change.ReferralId, SequenceKey(change.Sequence), change.At, TimelineKind.StageChanged, change.To, change.Detail);

        // 1. The referral row, only forward (optimistic concurrency: re-read on a lost race), and its timeline entry in the
        //    same partition: one transaction, so the move and its entry are written together or not at all. The row this
        //    host wrote or read last, if it remembers one, stands in for the first read: its ETag makes the transaction fail
        //    when the row changed since, and the loop then reads it. A remembered sequence at or past this move's is past it
        //    in storage too (the sequence only grows).
        int current;
        TableEntity entity;
        var noteWritten = false;
        var remembered = recent?.Get(change.ReferralId);
        while (true)
        {
            entity = remembered ?? (await referrals.GetEntityAsync<TableEntity>(change.ReferralId, ReferralRowKey, cancellationToken: cancellationToken)).Value;
            remembered = null;
            current = entity.GetInt32(nameof(ReferralRecord.StageSequence)) ?? 0;
            if (current >= change.Sequence)
            {
                break;
            }

            entity[nameof(ReferralRecord.Stage)] = change.To.ToString();
            entity[nameof(ReferralRecord.StageSequence)] = change.Sequence;
            entity[nameof(ReferralRecord.UpdatedAt)] = change.At;
            entity[nameof(ReferralRecord.ClosedReason)] = change.To.IsClosed() ? change.Detail : null;
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, entity, entity.ETag)];
            if (!noteWritten)
            {
                actions.Add(new(TableTransactionActionType.Add, note));
            }

            try
            {
                var response = await referrals.SubmitTransactionAsync(actions, cancellationToken);
                Remember(entity, response.Value.Count == actions.Count ? response.Value[0] : null);
                noteWritten = true;
                current = change.Sequence;
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // The entry exists though the row is behind (only the Add can conflict): the whole transaction failed, so
                // write the row alone on the next turn, from a fresh read.
                noteWritten = true;
                recent?.Forget(change.ReferralId);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone else wrote the row meanwhile: read it again.
                recent?.Forget(change.ReferralId);
            }
        }

        // 2. The pipeline board, unless a later move has already happened (a re-delivered old activity must not move the
        //    referral back). The board itself also ignores a move it has seen, so a replay does not count twice. A crash
        //    before this step leaves the row and its entry moved and the board behind, and the re-delivered activity finds
        //    the row at this move's sequence and moves the board (as before, when the board came between row and entry).
        if (current == change.Sequence)
        {
            var referral = FromEntity(entity).Referral; // the row just read: no second read for the board's columns
            await board.MoveAsync(
                new BoardEntry(change.VenueId, change.ReferralId, referral.Client.Initials, change.To, change.At,
                    PipelineBoardRows.ParseFlags(entity.GetString(PipelineBoardRows.FlagsColumn))),
                change.Sequence,
                cancellationToken);
        }

        // 3. A move found already applied (a replay, or a later move got there first) still gets its entry, as before:
        //    a row moved by an earlier release, which wrote row and entry apart, may lack it. A conflict: it is there.
        if (!noteWritten)
        {
            await TryAddAsync(referrals, note, cancellationToken);
        }
    }

    public async Task AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        await TryAddAsync(table, TimelineRow(referralId, SequenceKey(entry.Sequence), entry.At, entry.Kind, entry.Stage, entry.Detail), cancellationToken);
    }

    public async Task AppendExternalTimelineAsync(string referralId, string eventKey, DateTimeOffset at, TimelineKind kind, string detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);

        // The stage is a label on the entry: this host's copy of the row (read or written a moment ago) is good enough for
        // it, as for GetFactsAsync; only without one is the row read.
        var record = recent?.Get(referralId) is { } remembered ? FromEntity(remembered) : await GetAsync(referralId, cancellationToken);
        var stage = record?.Stage ?? Stage.Received;
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        await TryAddAsync(table, TimelineRow(referralId, ExternalPrefix + TableRows.SafeKey(eventKey), at, kind, stage, detail), cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string referralId, CancellationToken cancellationToken)
    {
        var referrals = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var legacy = await tables.GetAsync(StorageTables.Timeline, cancellationToken);

        // The referral's partition from TimelineRowPrefix up to the next prefix: its entries only, never the referral row.
        var current = ReadAsync(referrals, TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey ge {TimelineRowPrefix} and RowKey lt {TimelineRowEnd}"), cancellationToken);
        var older = ReadAsync(legacy, TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken);
        await Task.WhenAll(current, older);

        // Entries written before this release stay in the Timeline table (read in place; they go with retention and erasure).
        // An entry in both places (a move replayed across the upgrade) is the same event: kept once.
        var entries = new Dictionary<string, TimelineEntry>(StringComparer.Ordinal);
        foreach (var e in await current)
        {
            entries.TryAdd(e.RowKey[TimelineRowPrefix.Length..], ToTimelineEntry(e, TimelineRowPrefix.Length));
        }

        foreach (var e in await older)
        {
            entries.TryAdd(e.RowKey, ToTimelineEntry(e, 0));
        }

        // Orchestration entries (numbered) and external ones (webhooks, actions) interleave by time.
        return entries.Values.OrderBy(e => e.At).ThenBy(e => e.Sequence).ToArray();
    }

    /// <summary>
    /// Timeline entries live in the referral's own partition of the Referrals table under this RowKey prefix ("t|000012" for
    /// the orchestration's numbered entries, "t|x-…" for external ones); "referral" sorts before it, and every query for
    /// referrals asks for RowKey "referral", so none of them sees an entry.
    /// </summary>
    internal const string TimelineRowPrefix = "t|";

    /// <summary>The first RowKey after every <see cref="TimelineRowPrefix"/> key ('}' follows '|').</summary>
    private const string TimelineRowEnd = "t}";

    private static string SequenceKey(int sequence) => sequence.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity TimelineRow(string referralId, string key, DateTimeOffset at, TimelineKind kind, Stage stage, string detail) =>
        new(referralId, TimelineRowPrefix + key)
        {
            [nameof(TimelineEntry.At)] = at,
            [nameof(TimelineEntry.Kind)] = kind.ToString(),
            [nameof(TimelineEntry.Stage)] = stage.ToString(),
            [nameof(TimelineEntry.Detail)] = detail,
        };

    /// <summary>Adds an entry once: a conflict means an earlier delivery (activity, webhook retry, repeated action) wrote it.</summary>
    private static async Task TryAddAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Written before.
        }
    }

    private static async Task<List<TableEntity>> ReadAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(e);
        }

        return rows;
    }

    private static TimelineEntry ToTimelineEntry(TableEntity e, int keyStart)
    {
        var key = e.RowKey[keyStart..];
        return new TimelineEntry(
            key.StartsWith(ExternalPrefix, StringComparison.Ordinal) ? 0 : int.Parse(key, CultureInfo.InvariantCulture),
            e.GetDateTimeOffset(nameof(TimelineEntry.At)) ?? default,
            Enum.Parse<TimelineKind>(e.GetString(nameof(TimelineEntry.Kind))),
            Enum.Parse<Stage>(e.GetString(nameof(TimelineEntry.Stage))),
            e.GetString(nameof(TimelineEntry.Detail)) ?? "");
    }

    private const string ExternalPrefix = "x-";

    /// <summary>Remembers a row just written, with the ETag the write returned (none: forgotten, so it is read next time).</summary>
    private void Remember(TableEntity written, Response? response)
    {
        if (recent is null)
        {
            return;
        }

        written.ETag = response?.Headers.ETag ?? default;
        recent.Remember(written);
    }

    private static TableEntity ToEntity(ReferralRecord r) => new(r.Id, ReferralRowKey)
    {
        [nameof(ReferralRecord.PracticeId)] = r.PracticeId,
        [nameof(ReferralRecord.Stage)] = r.Stage.ToString(),
        [nameof(ReferralRecord.StageSequence)] = r.StageSequence,
        [nameof(ReferralRecord.CreatedAt)] = r.CreatedAt,
        [nameof(ReferralRecord.UpdatedAt)] = r.UpdatedAt,
        [nameof(ReferralRecord.ClosedReason)] = r.ClosedReason,
        ["VenueId"] = r.Referral.VenueId,
        ["Service"] = r.Referral.Service.ToString(),
        [nameof(ReferralRecord.Referral)] = JsonSerializer.Serialize(r.Referral, AppJson.Options),
    };

    private static ReferralRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString(nameof(ReferralRecord.PracticeId)) ?? "",
        JsonSerializer.Deserialize<Referral>(e.GetString(nameof(ReferralRecord.Referral)), AppJson.Options)
            ?? throw new InvalidDataException($"Referral row {e.PartitionKey} has no referral payload."),
        Enum.Parse<Stage>(e.GetString(nameof(ReferralRecord.Stage))),
        e.GetInt32(nameof(ReferralRecord.StageSequence)) ?? 0,
        e.GetDateTimeOffset(nameof(ReferralRecord.CreatedAt)) ?? default,
        e.GetDateTimeOffset(nameof(ReferralRecord.UpdatedAt)) ?? default,
        e.GetString(nameof(ReferralRecord.ClosedReason)));
}
