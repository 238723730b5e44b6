using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Signed releases: PartitionKey = referral id, RowKey = "md-release" (one per referral, so a second use conflicts), and
/// answers to hold questions, RowKey = "q-{question key}" (one per question).
/// </summary>
public sealed class TableReleaseStore(StorageTables tables) : IReleaseStore
{
    private const string RowKey = "md-release";

    public async Task<bool> TryRecordAsync(ReleaseRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await tables.GetAsync(StorageTables.Releases, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(record.ReferralId, KeyOf(record.QuestionKey))
            {
                ["Outcome"] = record.Decision.Outcome.ToString(),
                ["Decision"] = JsonSerializer.Serialize(record.Decision, AppJson.Options),
                [nameof(ReleaseRecord.SignedAt)] = record.SignedAt,
                [nameof(ReleaseRecord.SignerIp)] = record.SignerIp,
                [nameof(ReleaseRecord.SignerUserAgent)] = record.SignerUserAgent,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task<ReleaseRecord?> GetAsync(string referralId, CancellationToken cancellationToken) => ReadAsync(referralId, null, cancellationToken);

    public Task<ReleaseRecord?> GetAnswerAsync(string referralId, string questionKey, CancellationToken cancellationToken) =>
        ReadAsync(referralId, questionKey, cancellationToken);

    private static string KeyOf(string? questionKey) => questionKey is null ? RowKey : "q-" + questionKey;

    private async Task<ReleaseRecord?> ReadAsync(string referralId, string? questionKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Releases, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(referralId, KeyOf(questionKey), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new ReleaseRecord(
            referralId,
            JsonSerializer.Deserialize<ReleaseDecision>(e.GetString("Decision"), AppJson.Options)
                ?? throw new InvalidDataException($"Release row of {referralId} has no decision."),
            e.GetDateTimeOffset(nameof(ReleaseRecord.SignedAt)) ?? default,
            e.GetString(nameof(ReleaseRecord.SignerIp)),
            e.GetString(nameof(ReleaseRecord.SignerUserAgent))) { QuestionKey = questionKey };
    }

    public async Task DeleteAsync(string referralId, string? questionKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Releases, cancellationToken);
        await table.DeleteEntityAsync(referralId, KeyOf(questionKey), ETag.All, cancellationToken);
    }
}
