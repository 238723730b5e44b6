using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The inbox: one partition per deployment (<see cref="Partition"/>). RowKey <c>e|{id}</c> holds an entry, the id being the
/// inverted arrival ticks (so a partition query lists newest first) and a hash of the provider message id (URL-safe);
/// RowKey <c>m|{message id}</c> claims the message id, written in the same transaction, so a redelivered text conflicts
/// and is stored once. Both rows carry the sender's number and the arrival time, so erasure and retention find both.
/// The inbox holds only texts from numbers without an open referral, so it stays small; the open count reads the
/// partition's keys.
/// </summary>
public sealed class TableInboxStore(StorageTables tables) : IInboxStore
{
    public const string Partition = "inbox";
    private const string EntryPrefix = "e|";
    private const string EntryEnd = "e}"; // '}' sorts right after '|'
    private const string ClaimPrefix = "m|";
    private const string FromPhone = "FromPhone";
    private const string ReceivedAt = "ReceivedAt";
    private const string Handled = "Handled";

    public async Task<bool> TryAddAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = await tables.GetAsync(StorageTables.Inbox, cancellationToken);
        var id = EntryId(message.MessageId, message.ReceivedAt);
        var entry = new TableEntity(Partition, EntryPrefix + id)
        {
            [nameof(InboxMessage.MessageId)] = message.MessageId,
            [FromPhone] = message.FromPhone,
            [nameof(InboxMessage.Text)] = message.Text,
            [nameof(InboxMessage.Level)] = message.Level.ToString(),
            [ReceivedAt] = message.ReceivedAt,
            [Handled] = false,
        };
        var claim = new TableEntity(Partition, ClaimPrefix + TableRows.SafeKey(message.MessageId))
        {
            ["EntryId"] = id,
            [FromPhone] = message.FromPhone,
            [ReceivedAt] = message.ReceivedAt,
        };
        try
        {
            await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, claim), new TableTransactionAction(TableTransactionActionType.Add, entry)],
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // the message id was stored before
        }
    }

    public async Task<InboxListing> ListAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var table = await tables.GetAsync(StorageTables.Inbox, cancellationToken);
        var entries = new List<InboxEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(EntriesFilter(), maxPerPage: max, cancellationToken: cancellationToken))
        {
            entries.Add(ToEntry(row));
            if (entries.Count == max)
            {
                break;
            }
        }

        var open = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {EntryPrefix} and RowKey lt {EntryEnd} and Handled eq {false}"),
            select: ["RowKey"], cancellationToken: cancellationToken))
        {
            open++;
        }

        return new InboxListing(entries, open);
    }

    public async Task<(InboxMarkOutcome Outcome, InboxEntry? Entry)> MarkHandledAsync(string entryId, InboxHandling handling, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entryId);
        ArgumentNullException.ThrowIfNull(handling);
        var table = await tables.GetAsync(StorageTables.Inbox, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var row = await TableRows.ReadAsync(table, Partition, EntryPrefix + entryId, cancellationToken);
            if (row is null)
            {
                return (InboxMarkOutcome.NotFound, null);
            }

            if (row.GetBoolean(Handled) == true)
            {
                return (InboxMarkOutcome.AlreadyHandled, ToEntry(row));
            }

            row[Handled] = true;
            row[nameof(InboxHandling.ById)] = handling.ById;
            row[nameof(InboxHandling.ByName)] = handling.ByName;
            row["HandledAt"] = handling.At;
            row[nameof(InboxHandling.Note)] = handling.Note;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return (InboxMarkOutcome.Marked, ToEntry(row));
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                await TableRows.BackOffAsync(attempt, "The inbox entry", cancellationToken); // marked meanwhile: read again
            }
        }
    }

    public Task<int> EraseFromAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        return DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and FromPhone eq {phoneE164}"), cancellationToken);
    }

    public Task<int> EraseReceivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ReceivedAt lt {cutoff.ToUniversalTime()}"), cancellationToken);

    /// <summary>Newest first: the inverted arrival ticks, then a short hash of the provider message id.</summary>
    public static string EntryId(string messageId, DateTimeOffset receivedAt)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - receivedAt.UtcTicks;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];
        return inverted.ToString("D19", CultureInfo.InvariantCulture) + "-" + hash;
    }

    private static string EntriesFilter() =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {EntryPrefix} and RowKey lt {EntryEnd}");

    private async Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Inbox, cancellationToken);
        var deleted = 0;
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        foreach (var key in keys)
        {
            try
            {
                await table.DeleteEntityAsync(Partition, key, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted meanwhile.
            }
        }

        return deleted;
    }

    private static InboxEntry ToEntry(TableEntity row) => new(
        row.RowKey[EntryPrefix.Length..],
        new InboxMessage(
            row.GetString(nameof(InboxMessage.MessageId)) ?? "",
            row.GetString(FromPhone) ?? "",
            row.GetString(nameof(InboxMessage.Text)) ?? "",
            Enum.TryParse<RedFlagLevel>(row.GetString(nameof(InboxMessage.Level)), out var level) ? level : RedFlagLevel.None,
            row.GetDateTimeOffset(ReceivedAt) ?? default),
        row.GetBoolean(Handled) == true
            ? new InboxHandling(row.GetString(nameof(InboxHandling.ById)) ?? "", row.GetString(nameof(InboxHandling.ByName)) ?? "",
                row.GetDateTimeOffset("HandledAt") ?? default, row.GetString(nameof(InboxHandling.Note)))
            : null);
}
