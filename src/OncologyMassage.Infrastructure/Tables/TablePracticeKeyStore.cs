using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Practice keys in two shapes of row in one table: PartitionKey "key", RowKey = key hash → the practice (the lookup on
/// every request, one point read); PartitionKey "practice:{id}", RowKey = key hash → the practice's keys (for rotation).
/// </summary>
public sealed class TablePracticeKeyStore(StorageTables tables, TimeProvider clock) : IPracticeKeyStore
{
    public const int ActiveKeysPerPractice = 2;
    private const string KeyPartition = "key";

    public async Task<Practice?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 200)
        {
            return null;
        }

        var table = await tables.GetAsync(StorageTables.PracticeKeys, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(KeyPartition, PracticeKeys.Hash(apiKey), cancellationToken: cancellationToken);
        return row.HasValue ? new Practice(row.Value!.GetString("PracticeId"), row.Value.GetString("PracticeName")) : null;
    }

    public async Task AddKeyAsync(Practice practice, string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var table = await tables.GetAsync(StorageTables.PracticeKeys, cancellationToken);
        var hash = PracticeKeys.Hash(apiKey);
        var now = clock.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(PracticePartition(practice.Id), hash) { ["CreatedAt"] = now }, TableUpdateMode.Merge, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(KeyPartition, hash)
        {
            ["PracticeId"] = practice.Id,
            ["PracticeName"] = practice.Name,
        }, TableUpdateMode.Replace, cancellationToken);

        foreach (var old in (await ListAsync(practice.Id, cancellationToken)).Skip(ActiveKeysPerPractice))
        {
            await table.DeleteEntityAsync(KeyPartition, old.KeyHash, ETag.All, cancellationToken);
            await table.DeleteEntityAsync(PracticePartition(practice.Id), old.KeyHash, ETag.All, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PracticeKeyInfo>> ListAsync(string practiceId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PracticeKeys, cancellationToken);
        var keys = new List<PracticeKeyInfo>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PracticePartition(practiceId)}"),
            cancellationToken: cancellationToken))
        {
            keys.Add(new PracticeKeyInfo(row.RowKey, row.GetDateTimeOffset("CreatedAt") ?? default));
        }

        return keys.OrderByDescending(k => k.CreatedAt).ToArray();
    }

    private static string PracticePartition(string practiceId) => "practice:" + practiceId;
}
