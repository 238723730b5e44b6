using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// A referral's rows in every table of <see cref="StorageTables.All"/> (layouts: each store's summary). Erasing finds every
/// row by the referral id alone (partition, row key or a ReferralId column), never by the referral row, which goes last:
/// so a rerun after a crash halfway finds what is left and finishes. Rows partitioned by something else (venue, phone,
/// vendor id, caller scope) are found with a filter on the whole table; an erase is rare and the tables hold one clinic's
/// data, so a scan is cheaper than an index kept for it. The audit table is never touched (append-only).
/// </summary>
public sealed class TableReferralData(StorageTables tables, PipelineBoard board, ReferralRowCache? recent = null, AuditKeys? auditKeys = null, WrittenOnceRecords? writtenOnce = null) : IReferralDataStore
{
    private const string TotalsKey = "totals";

    public async Task<int> EraseRowsAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var deleted = 0;

        // 1. The pipeline board, through its own removal so each stage's count stays right.
        var pipeline = await tables.GetAsync(StorageTables.Pipeline, cancellationToken);
        await foreach (var location in pipeline.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {PipelineBoardRows.LocationKey(referralId)}"), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            await board.RemoveAsync(location.PartitionKey, referralId, cancellationToken);
            deleted++;
        }

        // 2. Venue outcome markers, each taken back from its venue's totals in the same transaction that deletes it.
        deleted += await UncountVenueSessionsAsync(referralId, cancellationToken);

        // 3. Bookings (slot rows and the referral's pointer row both name it), provider-id index, idempotency keys, answers waiting for the sweep, red flags (kept per venue).
        foreach (var table in new[] { StorageTables.Bookings, StorageTables.OutboxProviderIds, StorageTables.IdempotencyKeys, StorageTables.PendingEvents, StorageTables.RedFlags })
        {
            deleted += await DeleteWhereAsync(table, TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken);
        }

        // 4. The phone index, and what is kept per number once no referral of it is left.
        deleted += await ErasePhoneRowsAsync(referralId, cancellationToken);

        // 5. Every row partitioned by the referral id, in every table but the referral row's and the audit's.
        foreach (var table in StorageTables.All.Where(t => t is not StorageTables.Referrals and not StorageTables.Audit))
        {
            deleted += await DeleteWhereAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken);
        }

        auditKeys?.ForgetContentKey(referralId); // its audit content key went with them: this host's copy goes too
        writtenOnce?.ForgetReferral(referralId); // and this host's copies of its intake and replies

        // 6. Any other row of the referral's partition in the referrals table (the referral row itself goes last).
        deleted += await DeleteWhereAsync(StorageTables.Referrals,
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and RowKey ne {TableReferralStore.ReferralRowKey}"), cancellationToken);
        return deleted;
    }

    public async Task<bool> DeleteReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        // A point read first: deleting a missing row succeeds silently, and the caller wants to know whether there was one.
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        recent?.Forget(referralId); // this host's copy of the row goes with it
        auditKeys?.ForgetContentKey(referralId); // and of its audit content key, should a page view have remembered it since EraseRowsAsync
        writtenOnce?.ForgetReferral(referralId);
        var row = await TableRows.ReadAsync(table, referralId, TableReferralStore.ReferralRowKey, cancellationToken);
        return row is not null && await DeleteAsync(table, referralId, TableReferralStore.ReferralRowKey, ETag.All, cancellationToken);
    }

    public async IAsyncEnumerable<ClosedReferral> ListClosedAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableReferralStore.ReferralRowKey} and UpdatedAt lt {before.ToUniversalTime()}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "Stage", "UpdatedAt"], cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<Stage>(row.GetString("Stage"), out var stage) && stage.IsClosed())
            {
                yield return new ClosedReferral(row.PartitionKey, stage, row.GetDateTimeOffset("UpdatedAt") ?? default);
            }
        }
    }

    public async Task<IReadOnlyList<PlanRecord>> ListPlansAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Plans, cancellationToken);
        var plans = new List<PlanRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            plans.Add(new PlanRecord(
                referralId,
                int.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture),
                JsonSerializer.Deserialize<AdaptationPlan>(row.GetString(nameof(PlanRecord.Plan)), AppJson.Options)
                    ?? throw new InvalidDataException($"Plan row {row.RowKey} of {referralId} has no plan."),
                row.GetDateTimeOffset(nameof(PlanRecord.CreatedAt)) ?? default,
                row.GetString(nameof(PlanRecord.Basis)) ?? "") { HoldsClearedBy = row.GetString(nameof(PlanRecord.HoldsClearedBy)) });
        }

        return plans;
    }

    public async Task<IReadOnlyList<ReleaseRecord>> ListReleasesAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Releases, cancellationToken);
        var releases = new List<ReleaseRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            releases.Add(new ReleaseRecord(
                referralId,
                JsonSerializer.Deserialize<ReleaseDecision>(row.GetString("Decision"), AppJson.Options)
                    ?? throw new InvalidDataException($"Release row {row.RowKey} of {referralId} has no decision."),
                row.GetDateTimeOffset(nameof(ReleaseRecord.SignedAt)) ?? default,
                row.GetString(nameof(ReleaseRecord.SignerIp)),
                row.GetString(nameof(ReleaseRecord.SignerUserAgent))) { QuestionKey = row.RowKey.StartsWith("q-", StringComparison.Ordinal) ? row.RowKey[2..] : null });
        }

        return releases.OrderBy(r => r.SignedAt).ToArray();
    }

    /// <summary>Deletes every row the filter finds (a row already gone is fine).</summary>
    private async Task<int> DeleteWhereAsync(string tableName, string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var rows = new List<(string PartitionKey, string RowKey)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add((row.PartitionKey, row.RowKey));
        }

        foreach (var (partitionKey, rowKey) in rows)
        {
            await DeleteAsync(table, partitionKey, rowKey, ETag.All, cancellationToken);
        }

        return rows.Count;
    }

    private static async Task<bool> DeleteAsync(TableClient table, string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// The referral's rows in <c>PhoneIndex</c> (<c>ref|{id}</c> under each number, and the number's <c>awaiting</c> row
    /// when it waits for this referral); once no referral of a number is left, the number's <c>OptOuts</c> row too
    /// (Twilio keeps its own STOP list, so a later referral of the number still cannot be texted after a STOP).
    /// </summary>
    private async Task<int> ErasePhoneRowsAsync(string referralId, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.PhoneIndex, cancellationToken);
        var phones = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {"ref|" + referralId} or (RowKey eq {TablePhoneIndex.AwaitingRow} and ReferralId eq {referralId})"),
            select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            phones.Add(row.PartitionKey);
        }

        var deleted = 0;
        foreach (var phone in phones.Distinct(StringComparer.Ordinal))
        {
            var awaiting = await TableRows.ReadAsync(index, phone, TablePhoneIndex.AwaitingRow, cancellationToken);
            if (awaiting?.GetString("ReferralId") == referralId && await DeleteAsync(index, phone, TablePhoneIndex.AwaitingRow, awaiting.ETag, cancellationToken))
            {
                deleted++;
            }

            deleted += await DeleteAsync(index, phone, "ref|" + referralId, ETag.All, cancellationToken) ? 1 : 0;
            var others = false;
            await foreach (var _ in index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {phone}"), select: ["RowKey"], cancellationToken: cancellationToken))
            {
                others = true;
                break;
            }

            if (!others)
            {
                deleted += await DeleteWhereAsync(StorageTables.OptOuts, TableClient.CreateQueryFilter($"PartitionKey eq {phone}"), cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>
    /// Each of the referral's markers in <c>VenueSessions</c> is deleted in one transaction with its venue's totals, which
    /// give it back (ETag-checked, like counting): a session's ratings, a follow-up and its reply, and the referral itself
    /// (its <c>r|</c> marker, last). A marker already gone was taken back before, so nothing is taken back twice.
    /// </summary>
    private async Task<int> UncountVenueSessionsAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.VenueSessions, cancellationToken);
        var markers = new List<(string Venue, string Key)>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"(RowKey ge {"s|" + referralId + "|"} and RowKey lt {"s|" + referralId + "}"}) or (RowKey ge {"f|" + referralId + "|"} and RowKey lt {"f|" + referralId + "}"}) or RowKey eq {"r|" + referralId}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            markers.Add((row.PartitionKey, row.RowKey));
        }

        var deleted = 0;
        foreach (var (venue, key) in markers.OrderBy(m => m.Key.StartsWith("r|", StringComparison.Ordinal)))
        {
            deleted += await UncountAsync(table, venue, key, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }

    private static async Task<bool> UncountAsync(TableClient table, string venue, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var marker = await TableRows.ReadAsync(table, venue, key, cancellationToken);
            if (marker is null)
            {
                return false;
            }

            var totalsRow = await TableRows.ReadAsync(table, venue, TotalsKey, cancellationToken);
            var totals = totalsRow?.GetString("Totals") is { Length: > 0 } json ? JsonSerializer.Deserialize<OutcomeTotals>(json, AppJson.Options) ?? new() : new();
            if (key.StartsWith("s|", StringComparison.Ordinal) && marker.GetString(JsonRecordRows<SessionRecord>.RecordColumn) is { Length: > 0 } record
                && JsonSerializer.Deserialize<SessionRecord>(record, AppJson.Options) is { } session)
            {
                totals.RemoveSession(session.ToOutcome());
            }
            else if (key.StartsWith("f|", StringComparison.Ordinal))
            {
                totals.RemoveFollowUp(marker.GetBoolean("Replied") ?? false);
            }
            else if (key.StartsWith("r|", StringComparison.Ordinal))
            {
                totals.RemoveReferral();
            }

            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, marker, marker.ETag)];
            if (totalsRow is not null)
            {
                totalsRow["Totals"] = JsonSerializer.Serialize(totals, AppJson.Options);
                actions.Add(new(TableTransactionActionType.UpdateReplace, totalsRow, totalsRow.ETag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another session of the venue was counted meanwhile, or this marker was taken back by a rerun: read again.
            }

            await TableRows.BackOffAsync(attempt, "A venue's outcome totals", cancellationToken);
        }
    }
}
