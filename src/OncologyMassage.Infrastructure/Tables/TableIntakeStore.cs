using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>Intakes: PartitionKey = referral id, RowKey = "intake" (one per referral, so a second use of the link conflicts).</summary>
public sealed class TableIntakeStore(StorageTables tables) : IIntakeStore
{
    private const string RowKey = "intake";

    public async Task<bool> TryRecordAsync(IntakeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await tables.GetAsync(StorageTables.Intakes, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(record.ReferralId, RowKey)
            {
                [nameof(IntakeRecord.Intake)] = JsonSerializer.Serialize(record.Intake, AppJson.Options),
                [nameof(IntakeRecord.SubmittedAt)] = record.SubmittedAt,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<IntakeRecord?> GetAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Intakes, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(referralId, RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new IntakeRecord(
            referralId,
            JsonSerializer.Deserialize<Intake>(e.GetString(nameof(IntakeRecord.Intake)), AppJson.Options)
                ?? throw new InvalidDataException($"Intake row of {referralId} has no intake."),
            e.GetDateTimeOffset(nameof(IntakeRecord.SubmittedAt)) ?? default);
    }

    public async Task DeleteAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Intakes, cancellationToken);
        await table.DeleteEntityAsync(referralId, RowKey, ETag.All, cancellationToken);
    }
}
