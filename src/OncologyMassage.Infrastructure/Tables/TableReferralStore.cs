using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Referral rows (PartitionKey = referral id), the pipeline board on every stage move (<see cref="PipelineBoard"/>) and
/// the timeline (PartitionKey = referral id, RowKey = zero-padded sequence, so entries come back in order and a
/// replayed write is a conflict, not a duplicate).
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

        // 1. The referral row, only forward (optimistic concurrency: re-read on a lost race). The row this host wrote or
        //    read last, if it remembers one, stands in for the first read: its ETag makes the write fail when the row
        //    changed since, and the loop then reads it. A remembered sequence at or past this move's is past it in storage
        //    too (the sequence only grows).
        int current;
        TableEntity entity;
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
            try
            {
                var response = await referrals.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                Remember(entity, response);
                current = change.Sequence;
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone else wrote the row meanwhile: read it again.
                recent?.Forget(change.ReferralId);
            }
        }

        // 2. The pipeline board, unless a later move has already happened (a re-delivered old activity must not move the
        //    referral back). The board itself also ignores a move it has seen, so a replay does not count twice.
        if (current == change.Sequence)
        {
            var referral = FromEntity(entity).Referral; // the row just read: no second read for the board's columns
            await board.MoveAsync(
                new BoardEntry(change.VenueId, change.ReferralId, referral.Client.Initials, change.To, change.At,
                    PipelineBoardRows.ParseFlags(entity.GetString(PipelineBoardRows.FlagsColumn))),
                change.Sequence,
                cancellationToken);
        }

        // 3. The timeline.
        await AppendTimelineAsync(change.ReferralId, new TimelineEntry(change.Sequence, change.At, TimelineKind.StageChanged, change.To, change.Detail), cancellationToken);
    }

    public async Task AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await tables.GetAsync(StorageTables.Timeline, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(referralId, entry.Sequence.ToString("D6", CultureInfo.InvariantCulture))
            {
                [nameof(TimelineEntry.At)] = entry.At,
                [nameof(TimelineEntry.Kind)] = entry.Kind.ToString(),
                [nameof(TimelineEntry.Stage)] = entry.Stage.ToString(),
                [nameof(TimelineEntry.Detail)] = entry.Detail,
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Written by an earlier delivery of the same activity.
        }
    }

    public async Task AppendExternalTimelineAsync(string referralId, string eventKey, DateTimeOffset at, TimelineKind kind, string detail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        var record = await GetAsync(referralId, cancellationToken);
        var stage = record?.Stage ?? Stage.Received;
        var table = await tables.GetAsync(StorageTables.Timeline, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(referralId, ExternalPrefix + TableRows.SafeKey(eventKey))
            {
                [nameof(TimelineEntry.At)] = at,
                [nameof(TimelineEntry.Kind)] = kind.ToString(),
                [nameof(TimelineEntry.Stage)] = stage.ToString(),
                [nameof(TimelineEntry.Detail)] = detail,
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same event (webhook retry, repeated action) was recorded before.
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Timeline, cancellationToken);
        var entries = new List<TimelineEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            entries.Add(new TimelineEntry(
                e.RowKey.StartsWith(ExternalPrefix, StringComparison.Ordinal) ? 0 : int.Parse(e.RowKey, CultureInfo.InvariantCulture),
                e.GetDateTimeOffset(nameof(TimelineEntry.At)) ?? default,
                Enum.Parse<TimelineKind>(e.GetString(nameof(TimelineEntry.Kind))),
                Enum.Parse<Stage>(e.GetString(nameof(TimelineEntry.Stage))),
                e.GetString(nameof(TimelineEntry.Detail)) ?? ""));
        }

        // Orchestration entries (numbered) and external ones (webhooks, actions) interleave by time.
        return entries.OrderBy(e => e.At).ThenBy(e => e.Sequence).ToArray();
    }

    private const string ExternalPrefix = "x-";

    /// <summary>Remembers a row just written, with the ETag the write returned (none: forgotten, so it is read next time).</summary>
    private void Remember(TableEntity written, Response response)
    {
        if (recent is null)
        {
            return;
        }

        written.ETag = response.Headers.ETag ?? default;
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
