using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Sets a flag on the referral row (so the next stage's index row inherits it) and on its current stage index row (so
/// the pipeline shows it now). Both updates are ETag-checked and retried; setting a flag twice changes nothing.
/// </summary>
public sealed class TableReferralFlags(StorageTables tables) : IReferralFlags
{
    public async Task SetFlagAsync(string referralId, ReferralFlagKind flag, CancellationToken cancellationToken)
    {
        var referrals = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var referral = await AddFlagAsync(referrals, referralId, TableReferralStore.ReferralRowKey, flag, cancellationToken);
        if (referral is null)
        {
            return;
        }

        var venueId = referral.GetString("VenueId") ?? "";
        var stage = Enum.Parse<Stage>(referral.GetString("Stage"));
        var index = await tables.GetAsync(StorageTables.StageIndex, cancellationToken);
        var row = await AddFlagAsync(index, venueId, TableReferralStore.IndexKey(stage, referralId), flag, cancellationToken);
        if (row?.GetDateTimeOffset("EnteredAt") is { } enteredAt)
        {
            var ages = await tables.GetAsync(StorageTables.StageAge, cancellationToken);
            await AddFlagAsync(ages, venueId, TableReferralStore.AgeKey(stage, enteredAt, referralId), flag, cancellationToken);
        }
    }

    /// <summary>The row after the flag is on it, or null when there is no such row.</summary>
    private static async Task<TableEntity?> AddFlagAsync(TableClient table, string partitionKey, string rowKey, ReferralFlagKind flag, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                return null;
            }

            var row = response.Value!;
            var flags = TablePipelineStore.ParseFlags(row.GetString(TablePipelineStore.FlagsColumn));
            if (flags.Contains(flag))
            {
                return row;
            }

            row[TablePipelineStore.FlagsColumn] = TablePipelineStore.FormatFlags([.. flags, flag]);
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return row;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Changed meanwhile (a stage move or another flag): read again.
            }
        }
    }
}
