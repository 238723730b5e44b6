using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Replies: PartitionKey = referral id, RowKey = the provider's message id (made safe), so a redelivery conflicts. A reply is
/// never changed once stored, so the activity that processes it reads it from this host's copy when the webhook stored it
/// here (<see cref="WrittenOnceRecords"/>).
/// </summary>
public sealed class TableReplyStore(StorageTables tables, WrittenOnceRecords? writtenOnce = null) : IReplyStore
{
    private readonly OneRowStore<ReplyRecord> replies =
        new(tables, StorageTables.Replies, new RecordColumns<ReplyRecord>(nameof(ReplyRecord.ReferralId), r => TableRows.SafeKey(r.MessageId)), writtenOnce);

    public Task<bool> TryRecordAsync(ReplyRecord record, CancellationToken cancellationToken) => replies.TryAddAsync(record, cancellationToken);

    public Task<ReplyRecord?> GetAsync(string referralId, string messageId, CancellationToken cancellationToken) =>
        replies.GetAsync(referralId, TableRows.SafeKey(messageId), cancellationToken);
}
