using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>Replies: PartitionKey = referral id, RowKey = the provider's message id (made safe), so a redelivery conflicts.</summary>
public sealed class TableReplyStore(StorageTables tables) : IReplyStore
{
    private readonly OneRowStore<ReplyRecord> replies =
        new(tables, StorageTables.Replies, new RecordColumns<ReplyRecord>(nameof(ReplyRecord.ReferralId), r => TableRows.SafeKey(r.MessageId)));

    public Task<bool> TryRecordAsync(ReplyRecord record, CancellationToken cancellationToken) => replies.TryAddAsync(record, cancellationToken);

    public Task<ReplyRecord?> GetAsync(string referralId, string messageId, CancellationToken cancellationToken) =>
        replies.GetAsync(referralId, TableRows.SafeKey(messageId), cancellationToken);
}
