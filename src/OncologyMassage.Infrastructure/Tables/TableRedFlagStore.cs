using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Red flags, one row per flag: partition = venue id (a venue's open flags are one partition query), row key = flag id,
/// which starts with the referral id (a referral's flags are one range query). Acknowledging is an ETag-checked replace,
/// so two coordinators acknowledging at once get one Done and one AlreadyAcknowledged.
/// </summary>
public sealed class TableRedFlagStore(StorageTables tables) : IRedFlagStore
{
    public async Task<bool> TryOpenAsync(RedFlagRecord flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var table = await tables.GetAsync(StorageTables.RedFlags, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(flag.VenueId, flag.FlagId)
            {
                [nameof(RedFlagRecord.ReferralId)] = flag.ReferralId,
                [nameof(RedFlagRecord.Level)] = flag.Level.ToString(),
                [nameof(RedFlagRecord.SourceId)] = flag.SourceId,
                [nameof(RedFlagRecord.OpenedAt)] = flag.OpenedAt,
                [nameof(RedFlagRecord.IsOpen)] = true,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<RedFlagRecord?> GetAsync(string venueId, string flagId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.RedFlags, cancellationToken);
        var row = await TableRows.ReadAsync(table, venueId, flagId, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public Task<IReadOnlyList<RedFlagRecord>> ListForReferralAsync(string venueId, string referralId, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {venueId} and RowKey gt {referralId + "."} and RowKey lt {referralId + "/"}"), cancellationToken);

    public Task<IReadOnlyList<RedFlagRecord>> ListOpenAsync(string venueId, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {venueId} and IsOpen eq true"), cancellationToken);

    public Task<IReadOnlyList<RedFlagRecord>> FindByReferralAsync(string referralId, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken);

    public async Task<FlagAcknowledgeResult> TryAcknowledgeAsync(string venueId, string flagId, FlagAcknowledgement acknowledgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var table = await tables.GetAsync(StorageTables.RedFlags, cancellationToken);
        var row = await TableRows.ReadAsync(table, venueId, flagId, cancellationToken);
        if (row is null)
        {
            return FlagAcknowledgeResult.NotFound;
        }

        if (row.GetBoolean(nameof(RedFlagRecord.IsOpen)) != true)
        {
            return FlagAcknowledgeResult.AlreadyAcknowledged;
        }

        row[nameof(RedFlagRecord.IsOpen)] = false;
        row["AcknowledgedById"] = acknowledgement.ById;
        row["AcknowledgedByName"] = acknowledgement.ByName;
        row["AcknowledgedAt"] = acknowledgement.At;
        if (acknowledgement.Note is { Length: > 0 } note)
        {
            row["AcknowledgementNote"] = note;
        }

        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return FlagAcknowledgeResult.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return FlagAcknowledgeResult.AlreadyAcknowledged; // the only change a flag row gets is its acknowledgement
        }
    }

    private async Task<IReadOnlyList<RedFlagRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.RedFlags, cancellationToken);
        var flags = new List<RedFlagRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            flags.Add(ToRecord(row));
        }

        return [.. flags.OrderBy(f => f.OpenedAt).ThenBy(f => f.FlagId, StringComparer.Ordinal)];
    }

    private static RedFlagRecord ToRecord(TableEntity row) =>
        new(row.RowKey, row.GetString(nameof(RedFlagRecord.ReferralId)), row.PartitionKey,
            Enum.Parse<RedFlagLevel>(row.GetString(nameof(RedFlagRecord.Level))), row.GetString(nameof(RedFlagRecord.SourceId)),
            row.GetDateTimeOffset(nameof(RedFlagRecord.OpenedAt)) ?? default)
        {
            Acknowledged = row.GetBoolean(nameof(RedFlagRecord.IsOpen)) == true ? null : new FlagAcknowledgement(
                row.GetString("AcknowledgedById") ?? "", row.GetString("AcknowledgedByName") ?? "",
                row.GetDateTimeOffset("AcknowledgedAt") ?? default, row.GetString("AcknowledgementNote")),
        };
}
