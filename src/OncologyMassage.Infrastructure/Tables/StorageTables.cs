using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>The app's tables (names prefixed by <see cref="StorageOptions.TablePrefix"/>), each created once per process on first use.</summary>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    /// <summary>Referral rows (RowKey "referral") and, in the same partition, the referral's timeline (RowKey "t|…").</summary>
    public const string Referrals = "Referrals";

    /// <summary>Timeline entries written before they moved into <see cref="Referrals"/>: only read (with the new ones) and erased.</summary>
    public const string Timeline = "Timeline";
    public const string IdempotencyKeys = "IdempotencyKeys";
    public const string Outbox = "Outbox";
    public const string Releases = "Releases";
    public const string PracticeKeys = "PracticeKeys";
    public const string PhoneIndex = "PhoneIndex";
    public const string OptOuts = "OptOuts";
    public const string OutboxProviderIds = "OutboxProviderIds";

    // Client and clinician forms (intake, plan, consent, sessions and follow-ups).
    public const string Intakes = "Intakes";
    public const string Plans = "Plans";
    public const string Consents = "Consents";
    public const string Sessions = "Sessions";
    public const string VenueSessions = "VenueSessions";

    // Coordinators' access and read models (issue #7).
    public const string Coordinators = "Coordinators";

    /// <summary>The pipeline board: per venue, stage counts and each stage's referrals in entry order (<see cref="PipelineBoard"/>).</summary>
    public const string Pipeline = "Pipeline";
    public const string Audit = "Audit";

    /// <summary>The audit's pseudonym key and one content key per referral (AuditKeys); erase deletes a referral's row.</summary>
    public const string AuditKeys = "AuditKeys";

    public const string Venues = "Venues";
    public const string Bookings = "Bookings";

    /// <summary>Client texts by message id (<see cref="TableReplyStore"/>) and answers whose event is not raised yet (<see cref="TablePendingEventStore"/>).</summary>
    public const string Replies = "Replies";
    public const string PendingEvents = "PendingEvents";

    /// <summary>Red flags, open and acknowledged, per venue (<see cref="TableRedFlagStore"/>).</summary>
    public const string RedFlags = "RedFlags";

    /// <summary>Texts from numbers with no open referral (<see cref="TableInboxStore"/>).</summary>
    public const string Inbox = "Inbox";

    /// <summary>Every table, created on first use; one name per line.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Referrals,
        Timeline,
        IdempotencyKeys,
        Outbox,
        Releases,
        PracticeKeys,
        PhoneIndex,
        OptOuts,
        OutboxProviderIds,
        Intakes,
        Plans,
        Consents,
        Sessions,
        VenueSessions,
        Coordinators,
        Pipeline,
        Audit,
        AuditKeys,
        Venues,
        Bookings,
        Replies,
        PendingEvents,
        RedFlags,
        Inbox,
    ];

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> clients = new(StringComparer.Ordinal);

    public string NameOf(string table) => options.Value.TablePrefix + table;

    public Task<TableClient> GetAsync(string table, CancellationToken cancellationToken) =>
        clients.GetOrAdd(table, t => new Lazy<Task<TableClient>>(() => CreateAsync(t, cancellationToken))).Value;

    private async Task<TableClient> CreateAsync(string table, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(NameOf(table));
        try
        {
            await client.CreateIfNotExistsAsync(cancellationToken);
        }
        catch
        {
            clients.TryRemove(table, out _); // let the next caller try again
            throw;
        }

        return client;
    }
}
