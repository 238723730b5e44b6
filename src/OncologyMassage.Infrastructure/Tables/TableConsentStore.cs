using Azure.Data.Tables;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Signed consents: PartitionKey = referral id, RowKey = "consent" (one per referral, so a second signature conflicts).
/// A withdrawal updates the same row with its ETag, so two withdrawals cannot both win.
/// </summary>
public sealed class TableConsentStore(StorageTables tables)
    : ReferralRowStore<ConsentRecord>(tables, StorageTables.Consents, "consent", nameof(ConsentRecord.ReferralId)), IConsentStore
{
    public async Task<bool> TryWithdrawAsync(string referralId, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        var row = await Rows.GetRowAsync(referralId, RowKey, cancellationToken);
        if (row is null || row.GetDateTimeOffset(nameof(ConsentRecord.WithdrawnAt)) is not null)
        {
            return false;
        }

        // Withdrawn (or re-signed) at the same moment by another request: the ETag check makes this one lose.
        var patch = new TableEntity(referralId, RowKey) { [nameof(ConsentRecord.WithdrawnAt)] = at, [nameof(ConsentRecord.WithdrawalReason)] = reason };
        return await Rows.TryMergeAsync(patch, row.ETag, cancellationToken);
    }
}
