using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Plan versions: PartitionKey = referral id, RowKey = version as six digits, so a version is written once and the
/// latest is the last row of the partition (read in reverse order is not offered by Table Storage; a referral has a
/// handful of versions, so the partition is read whole).
/// </summary>
public sealed class TablePlanStore(StorageTables tables) : IPlanStore
{
    public async Task SaveAsync(PlanRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(record.Version);
        var table = await tables.GetAsync(StorageTables.Plans, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(record.ReferralId, record.Version.ToString("D6", CultureInfo.InvariantCulture))
            {
                [nameof(PlanRecord.Plan)] = JsonSerializer.Serialize(record.Plan, AppJson.Options),
                [nameof(PlanRecord.CreatedAt)] = record.CreatedAt,
                [nameof(PlanRecord.Basis)] = record.Basis,
                [nameof(PlanRecord.HoldsClearedBy)] = record.HoldsClearedBy,
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // This version was written before (a replayed activity): keep the first.
        }
    }

    public async Task<PlanRecord?> GetLatestAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Plans, cancellationToken);
        TableEntity? latest = null;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            latest = row; // rows come back in RowKey order: the last is the highest version
        }

        return latest is null ? null : new PlanRecord(
            referralId,
            int.Parse(latest.RowKey, NumberStyles.None, CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<AdaptationPlan>(latest.GetString(nameof(PlanRecord.Plan)), AppJson.Options)
                ?? throw new InvalidDataException($"Plan row {latest.RowKey} of {referralId} has no plan."),
            latest.GetDateTimeOffset(nameof(PlanRecord.CreatedAt)) ?? default,
            latest.GetString(nameof(PlanRecord.Basis)) ?? "")
        {
            HoldsClearedBy = latest.GetString(nameof(PlanRecord.HoldsClearedBy)),
        };
    }
}
