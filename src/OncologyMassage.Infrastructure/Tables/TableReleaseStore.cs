using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Signed releases: PartitionKey = referral id, RowKey = "md-release" (one per referral, so a second use conflicts), and
/// answers to hold questions, RowKey = "q-{question key}" (one per question). The decision is one JSON column, with its
/// outcome beside it as a column of its own for anyone reading the table.
/// </summary>
public sealed class TableReleaseStore(StorageTables tables) : IReleaseStore
{
    private const string ReleaseKey = "md-release";
    private const string QuestionPrefix = "q-";

    private readonly OneRowStore<ReleaseRecord> releases = new(tables, StorageTables.Releases,
        new RecordColumns<ReleaseRecord>(nameof(ReleaseRecord.ReferralId), r => KeyOf(r.QuestionKey), nameof(ReleaseRecord.QuestionKey), QuestionOf)
        {
            AlsoWrite = (record, row) => row["Outcome"] = record.Decision.Outcome.ToString(),
        });

    public Task<bool> TryRecordAsync(ReleaseRecord record, CancellationToken cancellationToken) => releases.TryAddAsync(record, cancellationToken);

    public Task<ReleaseRecord?> GetAsync(string referralId, CancellationToken cancellationToken) => releases.GetAsync(referralId, ReleaseKey, cancellationToken);

    public Task<ReleaseRecord?> GetAnswerAsync(string referralId, string questionKey, CancellationToken cancellationToken) =>
        releases.GetAsync(referralId, KeyOf(questionKey), cancellationToken);

    public Task DeleteAsync(string referralId, string? questionKey, CancellationToken cancellationToken) =>
        releases.DeleteAsync(referralId, KeyOf(questionKey), cancellationToken);

    private static string KeyOf(string? questionKey) => questionKey is null ? ReleaseKey : QuestionPrefix + questionKey;

    private static string? QuestionOf(string rowKey) => rowKey.StartsWith(QuestionPrefix, StringComparison.Ordinal) ? rowKey[QuestionPrefix.Length..] : null;
}
