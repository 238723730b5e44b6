using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>Idempotency keys: PartitionKey = caller scope, RowKey = SHA-256 of the key (keys may hold characters tables refuse).</summary>
public sealed class TableIdempotencyStore(StorageTables tables, TimeProvider clock) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.IdempotencyKeys, cancellationToken);
        var rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        try
        {
            await table.AddEntityAsync(new TableEntity(scope, rowKey)
            {
                ["ReferralId"] = referralId,
                ["RequestHash"] = requestHash,
                ["ClaimedAt"] = clock.GetUtcNow(),
            }, cancellationToken);
            return new IdempotencyClaim(true, referralId, requestHash);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(scope, rowKey, cancellationToken: cancellationToken)).Value;
            return new IdempotencyClaim(false, existing.GetString("ReferralId"), existing.GetString("RequestHash"));
        }
    }
}
