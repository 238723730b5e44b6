using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Sets a flag on the referral row (so a referral not yet on the board gets it when it arrives) and on the pipeline
/// board (so the pipeline shows it now; the board carries it into the next stages). Both writes are ETag-checked and
/// retried; setting a flag twice changes nothing.
/// </summary>
public sealed class TableReferralFlags(StorageTables tables, PipelineBoard board) : IReferralFlags
{
    public async Task SetFlagAsync(string referralId, ReferralFlagKind flag, CancellationToken cancellationToken)
    {
        var referrals = await tables.GetAsync(StorageTables.Referrals, cancellationToken);
        var venueId = await AddFlagAsync(referrals, referralId, flag, cancellationToken);
        if (venueId is not null)
        {
            await board.AddFlagAsync(venueId, referralId, flag, cancellationToken);
        }
    }

    /// <summary>The referral's venue once the flag is on its row, or null when there is no such referral.</summary>
    private static async Task<string?> AddFlagAsync(TableClient table, string referralId, ReferralFlagKind flag, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await TableRows.ReadAsync(table, referralId, TableReferralStore.ReferralRowKey, cancellationToken);
            if (row is null)
            {
                return null;
            }

            var flags = PipelineBoardRows.ParseFlags(row.GetString(PipelineBoardRows.FlagsColumn));
            if (flags.Contains(flag))
            {
                return row.GetString("VenueId") ?? "";
            }

            row[PipelineBoardRows.FlagsColumn] = PipelineBoardRows.FormatFlags([.. flags, flag]);
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return row.GetString("VenueId") ?? "";
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Changed meanwhile (a stage move or another flag): read again.
            }
        }
    }
}
