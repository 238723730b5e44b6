using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Signed consents: PartitionKey = referral id, RowKey = "consent" (one per referral, so a second signature conflicts).
/// A withdrawal updates the same row with its ETag, so two withdrawals cannot both win.
/// </summary>
public sealed class TableConsentStore(StorageTables tables) : IConsentStore
{
    private const string RowKey = "consent";

    public async Task<bool> TryRecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await tables.GetAsync(StorageTables.Consents, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(record.ReferralId, RowKey)
            {
                [nameof(ConsentRecord.VenueId)] = record.VenueId,
                [nameof(ConsentRecord.DocumentVersion)] = record.DocumentVersion,
                [nameof(ConsentRecord.DocumentSha256)] = record.DocumentSha256,
                [nameof(ConsentRecord.SignedAt)] = record.SignedAt,
                [nameof(ConsentRecord.SignerName)] = record.SignerName,
                [nameof(ConsentRecord.SignerIp)] = record.SignerIp,
                [nameof(ConsentRecord.SignerUserAgent)] = record.SignerUserAgent,
                [nameof(ConsentRecord.WithdrawnAt)] = record.WithdrawnAt,
                [nameof(ConsentRecord.WithdrawalReason)] = record.WithdrawalReason,
                [nameof(ConsentRecord.VisitAddress)] = record.VisitAddress,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<ConsentRecord?> GetAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Consents, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(referralId, RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new ConsentRecord(
            referralId,
            e.GetString(nameof(ConsentRecord.VenueId)) ?? "",
            e.GetString(nameof(ConsentRecord.DocumentVersion)) ?? "",
            e.GetString(nameof(ConsentRecord.DocumentSha256)) ?? "",
            e.GetDateTimeOffset(nameof(ConsentRecord.SignedAt)) ?? default,
            e.GetString(nameof(ConsentRecord.SignerName)) ?? "",
            e.GetString(nameof(ConsentRecord.SignerIp)),
            e.GetString(nameof(ConsentRecord.SignerUserAgent)))
        {
            WithdrawnAt = e.GetDateTimeOffset(nameof(ConsentRecord.WithdrawnAt)),
            WithdrawalReason = e.GetString(nameof(ConsentRecord.WithdrawalReason)),
            VisitAddress = e.GetString(nameof(ConsentRecord.VisitAddress)),
        };
    }

    public async Task<bool> TryWithdrawAsync(string referralId, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Consents, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(referralId, RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetDateTimeOffset(nameof(ConsentRecord.WithdrawnAt)) is not null)
        {
            return false;
        }

        var patch = new TableEntity(referralId, RowKey)
        {
            [nameof(ConsentRecord.WithdrawnAt)] = at,
            [nameof(ConsentRecord.WithdrawalReason)] = reason,
        };
        try
        {
            await table.UpdateEntityAsync(patch, row.Value.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false; // withdrawn (or re-signed) at the same moment by another request
        }
    }

    public async Task DeleteAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Consents, cancellationToken);
        await table.DeleteEntityAsync(referralId, RowKey, ETag.All, cancellationToken);
    }
}
