using Azure.Data.Tables;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// Rows a host remembers with their ETags (issue #16 item 4b) on real Table Storage: the pipeline board and a stage move
/// write from them without reading, and a row that changed since (another host, a flag) is read again, never overwritten.
/// Each "host" is its own store or board over the same tables; every request is counted by table and method.
/// </summary>
public sealed class RememberedRowsTests(AzuriteFixture azurite)
{
    private const string Venue = "harbor";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRequestCount requests = new();
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MoveAsync_RowsRememberedFromTheLastMove_CommitsWithoutReading()
    {
        var board = new PipelineBoard(Tables(counted: true));
        await board.MoveAsync(Entry("r1", Stage.MdReleaseRequested), 1, Ct);
        await board.MoveAsync(Entry("r2", Stage.MdReleaseRequested), 1, Ct);

        requests.Clear();
        await board.MoveAsync(Entry("r1", Stage.IntakePending), 2, Ct);

        Assert.Equal(0, requests.Of("GET", StorageTables.Pipeline));
        Assert.Equal(1, requests.Of("POST", "$batch"));
        Assert.Equal(new Dictionary<Stage, int> { [Stage.MdReleaseRequested] = 1, [Stage.IntakePending] = 1 }, await CountsAsync());
    }

    [Fact]
    public async Task MoveAsync_BucketChangedByAnotherHost_ReadsAgainAndLosesNoReferral()
    {
        var hostA = new PipelineBoard(Tables(counted: false));
        var hostB = new PipelineBoard(Tables(counted: false));
        await hostA.MoveAsync(Entry("r1", Stage.MdReleaseRequested), 1, Ct);
        await hostA.MoveAsync(Entry("r2", Stage.MdReleaseRequested), 1, Ct);

        await hostB.MoveAsync(Entry("r3", Stage.MdReleaseRequested), 1, Ct); // the lanes row and the bucket host A remembers change
        await hostA.MoveAsync(Entry("r2", Stage.IntakePending), 2, Ct);

        Assert.Equal(new Dictionary<Stage, int> { [Stage.MdReleaseRequested] = 2, [Stage.IntakePending] = 1 }, await CountsAsync());
        var rows = await RowsAsync();
        Assert.Equal(["r1:MdReleaseRequested", "r3:MdReleaseRequested", "r2:IntakePending"], rows.Select(r => $"{r.ReferralId}:{r.Stage}"));
    }

    [Fact]
    public async Task ApplyStageChangeAsync_RowRememberedFromItsCreation_WritesWithoutReadingIt()
    {
        var tables = Tables(counted: true);
        var store = new TableReferralStore(tables, new PipelineBoard(tables), new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System));
        await store.TryCreateAsync(Record("ref-a"), Ct);

        requests.Clear();
        await store.ApplyStageChangeAsync(Change("ref-a", Stage.Received, Stage.MdReleaseRequested, 1), Ct);
        await store.ApplyStageChangeAsync(Change("ref-a", Stage.MdReleaseRequested, Stage.IntakePending, 2), Ct);

        Assert.Equal(0, requests.Of("GET", StorageTables.Referrals));
        var stored = await new TableReferralStore(tables, new PipelineBoard(tables)).GetAsync("ref-a", Ct);
        Assert.Equal((Stage.IntakePending, 2), (stored!.Stage, stored.StageSequence));
    }

    [Fact]
    public async Task ApplyStageChangeAsync_RowChangedByAnotherHostAndAFlag_ReadsAgainAndKeepsBoth()
    {
        var tables = Tables(counted: false);
        var hostA = new TableReferralStore(tables, new PipelineBoard(tables), new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System));
        var hostB = new TableReferralStore(tables, new PipelineBoard(tables), new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System));
        await hostA.TryCreateAsync(Record("ref-b"), Ct);

        await hostB.ApplyStageChangeAsync(Change("ref-b", Stage.Received, Stage.MdReleaseRequested, 1), Ct);
        await new TableReferralFlags(tables, new PipelineBoard(tables)).SetFlagAsync("ref-b", ReferralFlagKind.RedFlagSameDay, Ct);
        await hostA.ApplyStageChangeAsync(Change("ref-b", Stage.MdReleaseRequested, Stage.IntakePending, 2), Ct);
        await hostA.ApplyStageChangeAsync(Change("ref-b", Stage.Received, Stage.MdReleaseRequested, 1), Ct); // re-delivered old move

        var row = (await (await tables.GetAsync(StorageTables.Referrals, Ct)).GetEntityAsync<TableEntity>("ref-b", "referral", cancellationToken: Ct)).Value;
        Assert.Equal((nameof(Stage.IntakePending), 2), (row.GetString("Stage"), row.GetInt32("StageSequence")));
        Assert.Contains(nameof(ReferralFlagKind.RedFlagSameDay), row.GetString("Flags"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFactsAsync_RememberedRowThenErased_AnswersFromTheCopyUntilErasureForgetsIt()
    {
        var tables = Tables(counted: true);
        var cache = new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System);
        var store = new TableReferralStore(tables, new PipelineBoard(tables), cache);
        await store.TryCreateAsync(Record("ref-c"), Ct);

        requests.Clear();
        var facts = await store.GetFactsAsync("ref-c", Ct);
        Assert.Equal(("Ada", 0), (facts!.Referral.Client.GivenName, requests.Of("GET", StorageTables.Referrals)));

        Assert.True(await new TableReferralData(tables, new PipelineBoard(tables), cache).DeleteReferralAsync("ref-c", Ct));
        Assert.Null(await store.GetFactsAsync("ref-c", Ct));
    }

    [Fact]
    public async Task GetFactsAsync_ZeroLifetime_ReadsTheRowEachTime()
    {
        var tables = Tables(counted: true);
        var store = new TableReferralStore(tables, new PipelineBoard(tables), new ReferralRowCache(TimeSpan.Zero, TimeProvider.System));
        await store.TryCreateAsync(Record("ref-d"), Ct);

        requests.Clear();
        await store.GetFactsAsync("ref-d", Ct);
        await store.GetFactsAsync("ref-d", Ct);

        Assert.Equal(2, requests.Of("GET", StorageTables.Referrals));
    }

    private StorageTables Tables(bool counted) => TableRequestCount.Tables(azurite, prefix, counted ? requests : null);

    private async Task<IReadOnlyDictionary<Stage, int>> CountsAsync() =>
        (await new TablePipelineStore(Tables(counted: false)).GetCountsAsync(Venue, PipelineCounts.NoStuckCounts, 0, Ct)).Counts;

    private async Task<List<PipelineRow>> RowsAsync()
    {
        var store = new TablePipelineStore(Tables(counted: false));
        var rows = new List<PipelineRow>();
        string? token = null;
        do
        {
            var page = await store.GetPageAsync(new PipelineQuery(Venue, null, null, 50, token, null), Ct);
            rows.AddRange(page.Rows);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return rows;
    }

    private static BoardEntry Entry(string id, Stage stage) => new(Venue, id, "AS", stage, T0, []);

    private static StageChange Change(string id, Stage from, Stage to, int sequence) => new(id, Venue, from, to, sequence, T0.AddHours(sequence), "test");

    private static ReferralRecord Record(string id) => new(id, "practice-1", new Referral(
        new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550123", "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), Venue, ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [], []), null, 3), Stage.Received, 0, T0, T0, null);
}
