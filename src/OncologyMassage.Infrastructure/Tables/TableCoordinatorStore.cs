using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Coordinators in one table, two shapes of row: PartitionKey "coordinator", RowKey = id → the coordinator; "oid",
/// RowKey = Entra object id → coordinator id. A principal is resolved by object id with point reads only. (Earlier
/// versions also kept "email" lookup rows; nothing reads them any more, and removing a coordinator deletes theirs.)
/// </summary>
public sealed class TableCoordinatorStore(StorageTables tables) : ICoordinatorStore
{
    private const string CoordinatorPartition = "coordinator";
    private const string ObjectIdPartition = "oid";
    private const string LegacyEmailPartition = "email";

    public async Task<Coordinator?> GetAsync(string coordinatorId, CancellationToken cancellationToken)
    {
        if (!IsKeySafe(coordinatorId))
        {
            return null;
        }

        var table = await tables.GetAsync(StorageTables.Coordinators, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(CoordinatorPartition, coordinatorId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<Coordinator?> FindByObjectIdAsync(string objectId, CancellationToken cancellationToken)
    {
        if (!IsKeySafe(objectId))
        {
            return null;
        }

        var table = await tables.GetAsync(StorageTables.Coordinators, cancellationToken);
        var link = await table.GetEntityIfExistsAsync<TableEntity>(ObjectIdPartition, objectId, cancellationToken: cancellationToken);
        // The coordinator row must still name this object id: a lookup left behind by an interrupted change signs no one in.
        return link.HasValue && await GetAsync(link.Value!.GetString("CoordinatorId"), cancellationToken) is { } coordinator
               && string.Equals(coordinator.PrincipalObjectId, objectId, StringComparison.Ordinal)
            ? coordinator
            : null;
    }

    public async Task<IReadOnlyList<Coordinator>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Coordinators, cancellationToken);
        var list = new List<Coordinator>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CoordinatorPartition}"), cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(row));
        }

        return list;
    }

    public async Task UpsertAsync(Coordinator coordinator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        if (!IsKeySafe(coordinator.Id))
        {
            throw new ArgumentException($"Coordinator id '{coordinator.Id}' cannot be a table key.", nameof(coordinator));
        }

        var table = await tables.GetAsync(StorageTables.Coordinators, cancellationToken);
        if (await GetAsync(coordinator.Id, cancellationToken) is { } previous)
        {
            // The old lookup goes first: after a crash the new object id may not sign in until the change is made again, but
            // the old one never keeps signing in.
            if (previous.PrincipalObjectId is { } oldOid && !string.Equals(oldOid, coordinator.PrincipalObjectId, StringComparison.Ordinal))
            {
                await DeleteLinkAsync(table, ObjectIdPartition, oldOid, previous.Id, cancellationToken);
            }
        }

        await table.UpsertEntityAsync(new TableEntity(CoordinatorPartition, coordinator.Id)
        {
            [nameof(Coordinator.Name)] = coordinator.Name,
            [nameof(Coordinator.Email)] = coordinator.Email,
            [nameof(Coordinator.VenueIds)] = string.Join(',', coordinator.VenueIds),
            [nameof(Coordinator.PrincipalObjectId)] = coordinator.PrincipalObjectId,
        }, TableUpdateMode.Replace, cancellationToken);
        if (IsKeySafe(coordinator.PrincipalObjectId))
        {
            await table.UpsertEntityAsync(new TableEntity(ObjectIdPartition, coordinator.PrincipalObjectId) { ["CoordinatorId"] = coordinator.Id },
                TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<bool> RemoveAsync(string coordinatorId, CancellationToken cancellationToken)
    {
        if (await GetAsync(coordinatorId, cancellationToken) is not { } coordinator)
        {
            return false;
        }

        var table = await tables.GetAsync(StorageTables.Coordinators, cancellationToken);
        await DeleteLinkAsync(table, LegacyEmailPartition, EmailKey(coordinator.Email), coordinator.Id, cancellationToken);
        if (coordinator.PrincipalObjectId is { } oid)
        {
            await DeleteLinkAsync(table, ObjectIdPartition, oid, coordinator.Id, cancellationToken);
        }

        await table.DeleteEntityAsync(CoordinatorPartition, coordinator.Id, ETag.All, cancellationToken);
        return true;
    }

    /// <summary>Deletes a lookup row if it still points at this coordinator (another coordinator may have taken the e-mail since).</summary>
    private static async Task DeleteLinkAsync(TableClient table, string partition, string key, string coordinatorId, CancellationToken cancellationToken)
    {
        if (!IsKeySafe(key))
        {
            return;
        }

        var link = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
        if (link.HasValue && link.Value!.GetString("CoordinatorId") == coordinatorId)
        {
            try
            {
                await table.DeleteEntityAsync(partition, key, link.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Gone or re-pointed meanwhile: nothing of this coordinator's is left to remove.
            }
        }
    }

    private static Coordinator FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString(nameof(Coordinator.Name)) ?? e.RowKey,
        e.GetString(nameof(Coordinator.Email)) ?? "",
        (e.GetString(nameof(Coordinator.VenueIds)) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        e.GetString(nameof(Coordinator.PrincipalObjectId)));

    /// <summary>The row key of a legacy e-mail lookup (SHA-256 of the lower-case e-mail), only to delete it.</summary>
    private static string EmailKey(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    /// <summary>Row keys may not hold '/', '\', '#', '?' or control characters, and are at most 1 KiB.</summary>
    private static bool IsKeySafe(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 256 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
