using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>Replies: PartitionKey = referral id, RowKey = the provider's message id (made safe), so a redelivery conflicts.</summary>
public sealed class TableReplyStore(StorageTables tables) : IReplyStore
{
    public async Task<bool> TryRecordAsync(ReplyRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(record.ReferralId, TableRows.SafeKey(record.MessageId))
            {
                [nameof(ReplyRecord.MessageId)] = record.MessageId,
                [nameof(ReplyRecord.Channel)] = record.Channel.ToString(),
                [nameof(ReplyRecord.Text)] = record.Text,
                [nameof(ReplyRecord.ReceivedAt)] = record.ReceivedAt,
                [nameof(ReplyRecord.FollowUpId)] = record.FollowUpId,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReplyRecord?> GetAsync(string referralId, string messageId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var e = await TableRows.ReadAsync(table, referralId, TableRows.SafeKey(messageId), cancellationToken);
        return e is null ? null : new ReplyRecord(
            referralId,
            e.GetString(nameof(ReplyRecord.MessageId)) ?? messageId,
            Enum.TryParse<ReplyChannel>(e.GetString(nameof(ReplyRecord.Channel)), out var channel) ? channel : ReplyChannel.Sms,
            e.GetString(nameof(ReplyRecord.Text)) ?? "",
            e.GetDateTimeOffset(nameof(ReplyRecord.ReceivedAt)) ?? default)
        {
            FollowUpId = e.GetString(nameof(ReplyRecord.FollowUpId)),
        };
    }
}
