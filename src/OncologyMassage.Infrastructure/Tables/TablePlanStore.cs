using System.Globalization;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Plan versions: PartitionKey = referral id, RowKey = version as six digits, so a version is written once and the
/// latest is the last row of the partition (read in reverse order is not offered by Table Storage; a referral has a
/// handful of versions, so the partition is read whole).
/// </summary>
public sealed class TablePlanStore(StorageTables tables) : IPlanStore
{
    private readonly OneRowStore<PlanRecord> rows = new(tables, StorageTables.Plans, new RecordColumns<PlanRecord>(
        nameof(PlanRecord.ReferralId), r => r.Version.ToString("D6", CultureInfo.InvariantCulture),
        nameof(PlanRecord.Version), rowKey => int.Parse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture)));

    public async Task SaveAsync(PlanRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(record.Version);
        _ = await rows.TryAddAsync(record, cancellationToken); // false: this version was written before (a replayed activity), keep the first
    }

    public async Task<PlanRecord?> GetLatestAsync(string referralId, CancellationToken cancellationToken) =>
        // Rows come back in RowKey order: the last is the highest version.
        await rows.QueryAsync($"PartitionKey eq {referralId}", cancellationToken) is [.., var latest] ? latest : null;
}
