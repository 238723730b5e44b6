using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Phone index: PartitionKey = the E.164 number; RowKey <c>awaiting</c> holds the one referral currently waiting for a
/// reply from it (an inbound SMS is routed with one point read), and RowKey <c>ref|{referralId}</c> one row per referral
/// that uses the number (STOP and START apply to all of them).
/// <para>
/// The host remembers, for <see cref="RememberFor"/>, the wait it last wrote or read for a number with its ETag (issue #16
/// item 4, fifth round: the reply that ends a wait comes seconds after the inbound text read it). Clearing that same wait
/// deletes it under that ETag without reading it first: the row deleted is exactly the one whose referral and follow-up
/// were known; if anything wrote the row since (a newer wait), the delete fails with 412 and the row is read and checked
/// as before. Only the number, the referral id and the follow-up id are held, never a reply.
/// </para>
/// </summary>
public sealed class TablePhoneIndex(StorageTables tables, TimeProvider clock) : IPhoneIndex
{
    public const string AwaitingRow = "awaiting";
    private const string ReferralRowPrefix = "ref|";

    /// <summary>How long a wait written or read here is remembered with its ETag.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(2);

    /// <summary>More numbers than this and the remembered waits are dropped: memory stays bounded.</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, KnownWait> known = new(StringComparer.Ordinal);

    public async Task SetAwaitingAsync(AwaitingReply awaiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(awaiting);
        var table = await tables.GetAsync(StorageTables.PhoneIndex, cancellationToken);
        var written = await table.UpsertEntityAsync(new TableEntity(awaiting.PhoneE164, AwaitingRow)
        {
            [nameof(AwaitingReply.ReferralId)] = awaiting.ReferralId,
            [nameof(AwaitingReply.Expecting)] = awaiting.Expecting.ToString(),
            [nameof(AwaitingReply.SlotCount)] = awaiting.SlotCount,
            [nameof(AwaitingReply.Since)] = awaiting.Since,
            [nameof(AwaitingReply.FollowUpId)] = awaiting.FollowUpId,
            [nameof(AwaitingReply.Language)] = awaiting.Language,
        }, TableUpdateMode.Replace, cancellationToken);
        Remember(awaiting.PhoneE164, awaiting.ReferralId, awaiting.FollowUpId, written.Headers.ETag);
    }

    public async Task<AwaitingReply?> FindAwaitingAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        var table = await tables.GetAsync(StorageTables.PhoneIndex, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(phoneE164, AwaitingRow, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e)
        {
            known.TryRemove(phoneE164, out _);
            return null;
        }

        Remember(phoneE164, e.GetString(nameof(AwaitingReply.ReferralId)), e.GetString(nameof(AwaitingReply.FollowUpId)), e.ETag);
        return new AwaitingReply(
            phoneE164,
            e.GetString(nameof(AwaitingReply.ReferralId)),
            Enum.Parse<ReplyExpectation>(e.GetString(nameof(AwaitingReply.Expecting))),
            e.GetInt32(nameof(AwaitingReply.SlotCount)) ?? 0,
            e.GetDateTimeOffset(nameof(AwaitingReply.Since)) ?? default)
        {
            FollowUpId = e.GetString(nameof(AwaitingReply.FollowUpId)),
            Language = e.GetString(nameof(AwaitingReply.Language)),
        };
    }

    public Task ClearAwaitingAsync(string phoneE164, string referralId, CancellationToken cancellationToken) =>
        ClearAsync(phoneE164, referralId, followUpId: null, cancellationToken);

    public Task ClearAwaitingFollowUpAsync(string phoneE164, string referralId, string followUpId, CancellationToken cancellationToken) =>
        ClearAsync(phoneE164, referralId, followUpId, cancellationToken);

    private async Task ClearAsync(string phoneE164, string referralId, string? followUpId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        var table = await tables.GetAsync(StorageTables.PhoneIndex, cancellationToken);
        if (known.TryRemove(phoneE164, out var wait) && wait.Until > clock.GetUtcNow() && wait.ReferralId == referralId
            && (followUpId is null || wait.FollowUpId == followUpId)
            && await TryDeleteAsync(table, phoneE164, wait.ETag, cancellationToken))
        {
            return; // the very wait this host wrote or read: gone now (or gone before)
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(phoneE164, AwaitingRow, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e || e.GetString(nameof(AwaitingReply.ReferralId)) != referralId
            || (followUpId is not null && e.GetString(nameof(AwaitingReply.FollowUpId)) != followUpId))
        {
            return; // nothing waits, a newer referral's wait, or another follow-up's wait: leave it alone
        }

        try
        {
            await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, e.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Cleared by a replay, or replaced by a newer wait in between.
        }
    }

    /// <summary>Deletes the wait if it still has <paramref name="etag"/>; false when it changed since (412), so it must be read.</summary>
    private static async Task<bool> TryDeleteAsync(TableClient table, string phoneE164, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(phoneE164, AwaitingRow, etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return true; // gone already (cleared by a replay, or the referral erased)
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private void Remember(string phoneE164, string? referralId, string? followUpId, ETag? etag)
    {
        if (referralId is null || etag is not { } tag || tag == default)
        {
            known.TryRemove(phoneE164, out _);
            return;
        }

        if (known.Count >= MaxRemembered)
        {
            known.Clear();
        }

        known[phoneE164] = new KnownWait(referralId, followUpId, tag, clock.GetUtcNow() + RememberFor);
    }

    public async Task<IReadOnlyList<string>> ReferralsOfAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        var table = await tables.GetAsync(StorageTables.PhoneIndex, cancellationToken);
        const string from = ReferralRowPrefix;
        const string to = "ref}"; // '}' sorts right after '|'
        var ids = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {phoneE164} and RowKey ge {from} and RowKey lt {to}"),
            select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(e.RowKey[ReferralRowPrefix.Length..]);
        }

        return ids;
    }

    public async Task AddReferralAsync(string phoneE164, string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var table = await tables.GetAsync(StorageTables.PhoneIndex, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(phoneE164, ReferralRowPrefix + referralId) { ["AddedAt"] = clock.GetUtcNow() }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Added by an earlier attempt of the same submission.
        }
    }

    private sealed record KnownWait(string ReferralId, string? FollowUpId, ETag ETag, DateTimeOffset Until);
}
