using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// PendingEvents: one partition ("pending", so the sweep is one partition query over a handful of rows), RowKey =
/// referral id | kind | key (made safe). Ids and enums only.
/// </summary>
public sealed class TablePendingEventStore(StorageTables tables) : IPendingEventStore
{
    private const string Partition = "pending";

    public async Task SaveAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var table = await tables.GetAsync(StorageTables.PendingEvents, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, RowKey(pending.Answer))
        {
            ["ReferralId"] = pending.Answer.ReferralId,
            ["Kind"] = pending.Answer.Kind.ToString(),
            ["Key"] = pending.Answer.Key,
            [nameof(PendingEvent.CreatedAt)] = pending.CreatedAt,
            [nameof(PendingEvent.Attempts)] = pending.Attempts,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> ExistsAsync(AnswerRef answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = await tables.GetAsync(StorageTables.PendingEvents, cancellationToken);
        return await TableRows.ReadAsync(table, Partition, RowKey(answer), cancellationToken) is not null;
    }

    public async Task<IReadOnlyList<PendingEvent>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PendingEvents, cancellationToken);
        var rows = new List<PendingEvent>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<AnswerKind>(e.GetString("Kind"), out var kind))
            {
                rows.Add(new PendingEvent(new AnswerRef(e.GetString("ReferralId") ?? "", kind, e.GetString("Key") ?? ""),
                    e.GetDateTimeOffset(nameof(PendingEvent.CreatedAt)) ?? default, e.GetInt32(nameof(PendingEvent.Attempts)) ?? 0));
            }
        }

        return rows.OrderBy(r => r.CreatedAt).ToArray();
    }

    public async Task DeleteAsync(AnswerRef answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = await tables.GetAsync(StorageTables.PendingEvents, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(Partition, RowKey(answer), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // gone already: another sweep or the request delivered it
        }
    }

    private static string RowKey(AnswerRef answer) => TableRows.SafeKey($"{answer.ReferralId}|{answer.Kind}|{answer.Key}");
}
