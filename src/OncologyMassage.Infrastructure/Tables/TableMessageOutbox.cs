using Azure;
using System.Text.Json;
using Azure.Data.Tables;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Outbox rows: PartitionKey = referral id, RowKey = the message's idempotency key. A vendor report that carries the outbox
/// key (every report of a message whose sender says so, <see cref="IOutboxKeyedReports"/>) finds its row by one point read
/// (<see cref="FindAsync"/>). Only a message whose reports will not carry the key gets an index row in <c>OutboxProviderIds</c>,
/// PartitionKey = the vendor's message id, RowKey <c>index</c>, naming its referral and key (<see cref="FindByProviderIdAsync"/>);
/// it is written before the row is completed, so a crash between the two leaves a Pending row that a later report can still
/// settle. Rows indexed by earlier releases stay readable through the index until the retention sweep or an erase removes them.
/// </summary>
public sealed class TableMessageOutbox(StorageTables tables) : IMessageOutbox
{
    public async Task<OutboxClaim> BeginAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(row), cancellationToken);
            return new OutboxClaim(true, row);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(row.ReferralId, row.IdempotencyKey, cancellationToken: cancellationToken)).Value;
            if (existing.GetString(nameof(OutboxRow.Status)) != nameof(OutboxStatus.Failed))
            {
                return new OutboxClaim(false, FromEntity(existing));
            }

            // The earlier attempt failed before the vendor accepted it: take the row back (ETag: only one retry wins).
            try
            {
                await table.UpdateEntityAsync(ToEntity(row), existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return new OutboxClaim(true, row);
            }
            catch (RequestFailedException lost) when (lost.Status == 412)
            {
                var winner = (await table.GetEntityAsync<TableEntity>(row.ReferralId, row.IdempotencyKey, cancellationToken: cancellationToken)).Value;
                return new OutboxClaim(false, FromEntity(winner));
            }
        }
    }

    public async Task CompleteAsync(string referralId, string idempotencyKey, OutboxStatus status, string? providerMessageId, string? failureReason, bool indexProviderId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        if (indexProviderId && !string.IsNullOrEmpty(providerMessageId))
        {
            var index = await tables.GetAsync(StorageTables.OutboxProviderIds, cancellationToken);
            await index.UpsertEntityAsync(new TableEntity(ProviderPartition(providerMessageId), ProviderIndexRow)
            {
                ["ReferralId"] = referralId,
                ["IdempotencyKey"] = idempotencyKey,
            }, TableUpdateMode.Replace, cancellationToken);
        }

        await table.UpdateEntityAsync(new TableEntity(referralId, idempotencyKey)
        {
            [nameof(OutboxRow.Status)] = status.ToString(),
            [nameof(OutboxRow.ProviderMessageId)] = providerMessageId,
            [nameof(OutboxRow.Error)] = failureReason,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxRow>> ListAsync(string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        var rows = new List<OutboxRow>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(e));
        }

        return rows.OrderBy(r => r.CreatedAt).ToArray();
    }

    public async Task<OutboxRow?> FindAsync(string referralId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(referralId, idempotencyKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<OutboxRow?> FindByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerMessageId);
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        var indexTable = await tables.GetAsync(StorageTables.OutboxProviderIds, cancellationToken);
        var index = await indexTable.GetEntityIfExistsAsync<TableEntity>(ProviderPartition(providerMessageId), ProviderIndexRow, cancellationToken: cancellationToken);
        if (!index.HasValue || index.Value is not { } pointer)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(pointer.GetString("ReferralId"), pointer.GetString("IdempotencyKey"), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<bool> RecordDeliveryAsync(string referralId, string idempotencyKey, OutboxStatus status, string? failureReason, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(referralId, idempotencyKey, cancellationToken: cancellationToken);
            if (!row.HasValue || row.Value is not { } e || !OutboxStatuses.CanMove(Enum.Parse<OutboxStatus>(e.GetString(nameof(OutboxRow.Status))), status))
            {
                return false; // unknown, or a later status arrived first
            }

            var update = new TableEntity(referralId, idempotencyKey) { [nameof(OutboxRow.Status)] = status.ToString() };
            if (failureReason is not null)
            {
                update[nameof(OutboxRow.Error)] = failureReason;
            }

            try
            {
                await table.UpdateEntityAsync(update, e.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // Another callback for the same message won the race: read again and compare.
            }
        }
    }

    public async Task<IReadOnlyList<OutboxRow>> ListPendingAsync(DateTimeOffset attemptedBefore, CancellationToken cancellationToken)
    {
        // A scan across referrals, filtered by the service; the outbox is kept small by the retention sweep, and this runs
        // every few minutes, not per request.
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        var pending = nameof(OutboxStatus.Pending);
        var rows = new List<OutboxRow>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Status eq {pending}"), cancellationToken: cancellationToken))
        {
            var row = FromEntity(e);
            if (row.LastAttemptAt < attemptedBefore)
            {
                rows.Add(row);
            }
        }

        return rows.OrderBy(r => r.LastAttemptAt).ToArray();
    }

    public async Task<bool> TryClaimReconciliationAsync(OutboxRow seen, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var table = await tables.GetAsync(StorageTables.Outbox, cancellationToken);
        var current = await table.GetEntityIfExistsAsync<TableEntity>(seen.ReferralId, seen.IdempotencyKey, cancellationToken: cancellationToken);
        if (!current.HasValue || current.Value is not { } e || FromEntity(e) is not { Status: OutboxStatus.Pending } row || row.Reconciliations != seen.Reconciliations)
        {
            return false; // settled meanwhile, or another reconciler took this round
        }

        try
        {
            await table.UpdateEntityAsync(new TableEntity(seen.ReferralId, seen.IdempotencyKey)
            {
                [nameof(OutboxRow.Reconciliations)] = row.Reconciliations + 1,
                [nameof(OutboxRow.AttemptedAt)] = at,
            }, e.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private const string ProviderIndexRow = "index";

    /// <summary>Keys may not contain '/', '\', '#', '?' or control characters; vendor ids normally have none.</summary>
    private static string ProviderPartition(string providerMessageId) =>
        string.Concat(providerMessageId.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));

    private static TableEntity ToEntity(OutboxRow r) => new(r.ReferralId, r.IdempotencyKey)
    {
        // JSON of the email's attachments (a calendar invite is a few KB: far under a property's 64 KiB); absent when none.
        [nameof(OutboxRow.Attachments)] = r.Attachments.Count == 0 ? null : JsonSerializer.Serialize(r.Attachments, AppJson.Options),
        [nameof(OutboxRow.Channel)] = r.Channel.ToString(),
        [nameof(OutboxRow.To)] = r.To,
        [nameof(OutboxRow.Subject)] = r.Subject,
        [nameof(OutboxRow.Body)] = r.Body,
        [nameof(OutboxRow.Status)] = r.Status.ToString(),
        [nameof(OutboxRow.CreatedAt)] = r.CreatedAt,
        [nameof(OutboxRow.ProviderMessageId)] = r.ProviderMessageId,
        [nameof(OutboxRow.Error)] = r.Error,
    };

    private static OutboxRow FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        Enum.Parse<MessageChannel>(e.GetString(nameof(OutboxRow.Channel))),
        e.GetString(nameof(OutboxRow.To)) ?? "",
        e.GetString(nameof(OutboxRow.Subject)) ?? "",
        e.GetString(nameof(OutboxRow.Body)) ?? "",
        Enum.Parse<OutboxStatus>(e.GetString(nameof(OutboxRow.Status))),
        e.GetDateTimeOffset(nameof(OutboxRow.CreatedAt)) ?? default,
        e.GetString(nameof(OutboxRow.ProviderMessageId)),
        e.GetString(nameof(OutboxRow.Error)),
        e.GetInt32(nameof(OutboxRow.Reconciliations)) ?? 0,
        e.GetDateTimeOffset(nameof(OutboxRow.AttemptedAt)))
    {
        Attachments = e.GetString(nameof(OutboxRow.Attachments)) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<EmailAttachment[]>(json, AppJson.Options) ?? []
            : [],
    };
}
