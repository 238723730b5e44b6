using Azure.Data.Tables;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The timeline in the referral's own partition of the Referrals table (RowKey "t|…"), on real Table Storage: a stage move
/// writes the referral row and its entry in one transaction, a replay writes nothing twice, and entries written before
/// (the Timeline table) are still read, merged in order. Every request is counted by method and table, a transaction by
/// the table it writes.
/// </summary>
public sealed class TimelineTests(AzuriteFixture azurite)
{
    private const string Venue = "harbor";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRequestCount requests = new();
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyStageChangeAsync_RowRemembered_WritesRowAndEntryInOneTransaction()
    {
        var store = Store(remember: true);
        await store.TryCreateAsync(Record("ref-a"), Ct);

        requests.Clear();
        await store.ApplyStageChangeAsync(Change("ref-a", Stage.MdReleaseRequested, 1), Ct);

        Assert.Equal((1, 0, 0, 0), (requests.Of("POST", "$batch " + StorageTables.Referrals), requests.Of("PUT", StorageTables.Referrals),
            requests.Of("POST", StorageTables.Referrals), requests.Of("POST", StorageTables.Timeline)));
        var entry = Assert.Single(await store.GetTimelineAsync("ref-a", Ct));
        Assert.Equal((1, TimelineKind.StageChanged, Stage.MdReleaseRequested), (entry.Sequence, entry.Kind, entry.Stage));
    }

    [Fact]
    public async Task ApplyStageChangeAsync_ReplayedOnAnotherHost_WritesNothingTwice()
    {
        await Store(remember: true).TryCreateAsync(Record("ref-b"), Ct);
        await Store(remember: true).ApplyStageChangeAsync(Change("ref-b", Stage.MdReleaseRequested, 1), Ct);
        var before = await RowsAsync("ref-b");

        requests.Clear();
        await Store(remember: true).ApplyStageChangeAsync(Change("ref-b", Stage.MdReleaseRequested, 1), Ct);

        var after = await RowsAsync("ref-b");
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), after.Select(r => (r.RowKey, r.ETag)));
        Assert.Equal(["referral", "t|000001"], after.Select(r => r.RowKey));
        Assert.Equal(0, requests.Of("POST", "$batch " + StorageTables.Referrals));
    }

    [Fact]
    public async Task ApplyStageChangeAsync_EntryThereButRowBehind_MovesTheRowAndKeepsOneEntry()
    {
        var store = Store(remember: true);
        await store.TryCreateAsync(Record("ref-c"), Ct);
        await store.AppendTimelineAsync("ref-c", new TimelineEntry(1, T0, TimelineKind.StageChanged, Stage.MdReleaseRequested, "test"), Ct);

        await store.ApplyStageChangeAsync(Change("ref-c", Stage.MdReleaseRequested, 1), Ct);

        var stored = await Store(remember: false).GetAsync("ref-c", Ct);
        Assert.Equal((Stage.MdReleaseRequested, 1), (stored!.Stage, stored.StageSequence));
        Assert.Single(await store.GetTimelineAsync("ref-c", Ct));
    }

    [Fact]
    public async Task GetTimelineAsync_EntriesInTheOldTimelineTable_MergedInOrderWithoutDuplicates()
    {
        var store = Store(remember: true);
        await store.TryCreateAsync(Record("ref-d"), Ct);
        var legacy = await Tables().GetAsync(StorageTables.Timeline, Ct);
        await legacy.AddEntityAsync(Legacy("ref-d", "000001", T0.AddHours(1), "old move"), Ct);
        await legacy.AddEntityAsync(Legacy("ref-d", "x-SM1", T0.AddHours(2), "old reply"), Ct);
        await legacy.AddEntityAsync(Legacy("ref-d", "000002", T0.AddHours(3), "old note"), Ct);
        await store.AppendTimelineAsync("ref-d", new TimelineEntry(2, T0.AddHours(3), TimelineKind.Note, Stage.Received, "old note"), Ct); // replayed across the upgrade
        await store.ApplyStageChangeAsync(Change("ref-d", Stage.IntakePending, 3), Ct);

        var timeline = await store.GetTimelineAsync("ref-d", Ct);

        Assert.Equal(["old move", "old reply", "old note", "test"], timeline.Select(e => e.Detail));
        Assert.Equal([1, 0, 2, 3], timeline.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendExternalTimelineAsync_RowRemembered_TakesTheStageWithoutReadingTheRow()
    {
        var store = Store(remember: true);
        await store.TryCreateAsync(Record("ref-e"), Ct);
        await store.ApplyStageChangeAsync(Change("ref-e", Stage.MdReleaseRequested, 1), Ct);

        requests.Clear();
        await store.AppendExternalTimelineAsync("ref-e", "SM9", T0.AddHours(2), TimelineKind.Reply, "a text", Ct);

        Assert.Equal(0, requests.Of("GET", StorageTables.Referrals));
        var entry = Assert.Single(await store.GetTimelineAsync("ref-e", Ct), e => e.Kind == TimelineKind.Reply);
        Assert.Equal(Stage.MdReleaseRequested, entry.Stage);
    }

    [Fact]
    public async Task ListReceivedAsync_ReferralsWithTimelineEntries_ListsOnlyTheReferralRows()
    {
        var store = Store(remember: false);
        var id = Workflow.Referrals.ReferralIds.New(T0);
        await store.TryCreateAsync(Record(id), Ct);
        await store.AppendTimelineAsync(id, new TimelineEntry(1, T0, TimelineKind.Note, Stage.Received, "note"), Ct);
        await store.AppendExternalTimelineAsync(id, "SM1", T0, TimelineKind.Reply, "a text", Ct);

        var received = await store.ListReceivedAsync(T0.AddMinutes(-1), T0.AddMinutes(1), Ct);

        Assert.Equal([id], received.Select(r => r.Id));
    }

    private TableReferralStore Store(bool remember)
    {
        var tables = Tables();
        return new TableReferralStore(tables, new PipelineBoard(tables), remember ? new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System) : null);
    }

    private StorageTables Tables() => TableRequestCount.Tables(azurite, prefix, requests);

    private async Task<List<TableEntity>> RowsAsync(string referralId)
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + StorageTables.Referrals);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: Ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static TableEntity Legacy(string referralId, string rowKey, DateTimeOffset at, string detail) => new(referralId, rowKey)
    {
        ["At"] = at, ["Kind"] = nameof(TimelineKind.Note), ["Stage"] = nameof(Stage.Received), ["Detail"] = detail,
    };

    private static StageChange Change(string id, Stage to, int sequence) => new(id, Venue, Stage.Received, to, sequence, T0.AddHours(sequence), "test");

    private static ReferralRecord Record(string id) => new(id, "practice-1", new Referral(
        new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550123", "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), Venue, ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [], []), null, 3), Stage.Received, 0, T0, T0, null);
}
