using System.Globalization;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The audit table: PartitionKey = referral id, RowKey = inverted ticks + a guid, so a referral's entries come back
/// newest first from one partition query and two entries in the same tick never collide.
/// </summary>
public sealed class TableAuditLog(StorageTables tables) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await tables.GetAsync(StorageTables.Audit, cancellationToken);
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        await table.AddEntityAsync(new TableEntity(entry.ReferralId, $"{inverted}-{Guid.NewGuid():N}")
        {
            [nameof(AuditEntry.CallerKind)] = entry.CallerKind,
            [nameof(AuditEntry.CallerId)] = entry.CallerId,
            [nameof(AuditEntry.Action)] = entry.Action,
            [nameof(AuditEntry.At)] = entry.At,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string referralId, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Audit, cancellationToken);
        var list = new List<AuditEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"),
            maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            list.Add(new AuditEntry(row.PartitionKey, row.GetString(nameof(AuditEntry.CallerKind)) ?? "", row.GetString(nameof(AuditEntry.CallerId)) ?? "",
                row.GetString(nameof(AuditEntry.Action)) ?? "", row.GetDateTimeOffset(nameof(AuditEntry.At)) ?? default));
            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }
}
