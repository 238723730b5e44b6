using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The pipeline board on real Table Storage (Azurite): moves as single transactions, bucket chains in entry order,
/// unlinking of emptied buckets, continuation tokens, the stuck walk, flags, races, and the bound on reads per page.
/// Small bucket capacities make the chains long with a handful of referrals.
/// </summary>
public sealed class PipelineBoardTests(AzuriteFixture azurite)
{
    private const string Venue = "venue-a";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly StorageTables tables = StoreFactory.Tables(azurite);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (PipelineBoard Board, TablePipelineStore Store) Board(int capacity) => (new PipelineBoard(tables, capacity), new TablePipelineStore(tables));

    private static BoardEntry Entry(string id, Stage stage, DateTimeOffset at, string venue = Venue, params ReferralFlagKind[] flags) =>
        new(venue, id, "AB", stage, at, flags);

    private static async Task<List<PipelineRow>> AllAsync(TablePipelineStore store, Stage? stage, int pageSize = 50, string venue = Venue,
        IReadOnlyDictionary<Stage, DateTimeOffset>? enteredBefore = null, List<int>? pageSizes = null, DateTimeOffset? since = null, string? token = null)
    {
        var rows = new List<PipelineRow>();
        do
        {
            var page = await store.GetPageAsync(new PipelineQuery(venue, stage, enteredBefore, pageSize, token, since), Ct);
            rows.AddRange(page.Rows);
            pageSizes?.Add(page.Rows.Count);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return rows;
    }

    private static async Task<IReadOnlyDictionary<Stage, int>> CountsAsync(TablePipelineStore store, string venue) =>
        (await store.GetCountsAsync(venue, PipelineCounts.NoStuckCounts, 0, Ct)).Counts;

    private async Task<TableEntity> RowAsync(string rowKey, string venue = Venue) =>
        (await (await tables.GetAsync(StorageTables.Pipeline, Ct)).GetEntityAsync<TableEntity>(venue, rowKey, cancellationToken: Ct)).Value;

    [Fact]
    public async Task MoveAsync_ReferralsThroughStages_EachOnceInItsLatestStageWithExactCounts()
    {
        var (board, store) = Board(capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            await board.MoveAsync(Entry($"r{i}", Stage.MdReleaseRequested, T0.AddMinutes(i)), 1, Ct);
        }

        await board.MoveAsync(Entry("r1", Stage.IntakePending, T0.AddHours(1)), 2, Ct);
        await board.MoveAsync(Entry("r3", Stage.IntakePending, T0.AddHours(2)), 2, Ct);
        await board.MoveAsync(Entry("r3", Stage.SchedulingPending, T0.AddHours(3)), 3, Ct);

        Assert.Equal(new Dictionary<Stage, int> { [Stage.MdReleaseRequested] = 3, [Stage.IntakePending] = 1, [Stage.SchedulingPending] = 1 },
            await CountsAsync(store, Venue));
        var rows = await AllAsync(store, stage: null);
        Assert.Equal(["r0:MdReleaseRequested", "r2:MdReleaseRequested", "r4:MdReleaseRequested", "r1:IntakePending", "r3:SchedulingPending"],
            rows.Select(r => $"{r.ReferralId}:{r.Stage}"));
        Assert.Equal(T0.AddHours(3), rows[^1].EnteredAt);
    }

    [Fact]
    public async Task MoveAsync_ReplayedOrOvertakenMove_ChangesNothing()
    {
        var (board, store) = Board(capacity: 2);
        await board.MoveAsync(Entry("r", Stage.MdReleaseRequested, T0), 1, Ct);
        await board.MoveAsync(Entry("r", Stage.IntakePending, T0.AddHours(1)), 2, Ct);

        await board.MoveAsync(Entry("r", Stage.IntakePending, T0.AddHours(1)), 2, Ct); // re-delivered
        await board.MoveAsync(Entry("r", Stage.MdReleaseRequested, T0), 1, Ct); // an old move arriving late

        Assert.Equal(new Dictionary<Stage, int> { [Stage.IntakePending] = 1 }, await CountsAsync(store, Venue));
        Assert.Equal(["r"], (await AllAsync(store, null)).Select(r => r.ReferralId));
    }

    [Fact]
    public async Task GetPageAsync_ManyBucketsPagedByTokens_EveryReferralOnceInEntryOrder()
    {
        var (board, store) = Board(capacity: 3);
        var ids = Enumerable.Range(0, 11).Select(i => $"r{i:D2}").ToArray();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await board.MoveAsync(Entry(id, Stage.IntakePending, T0.AddMinutes(i)), 1, Ct);
        }

        var sizes = new List<int>();
        var rows = await AllAsync(store, Stage.IntakePending, pageSize: 4, pageSizes: sizes);

        Assert.Equal(ids, rows.Select(r => r.ReferralId));
        Assert.Equal([4, 4, 3], sizes);
    }

    [Fact]
    public async Task MoveAsync_EmptiesAMiddleBucket_UnlinksItSoPagesNeverReadIt()
    {
        var (board, store) = Board(capacity: 2);
        for (var i = 0; i < 6; i++)
        {
            await board.MoveAsync(Entry($"r{i}", Stage.IntakePending, T0.AddMinutes(i)), 1, Ct); // buckets 0: r0 r1, 1: r2 r3, 2: r4 r5
        }

        await board.MoveAsync(Entry("r2", Stage.SchedulingPending, T0.AddHours(1)), 2, Ct);
        await board.MoveAsync(Entry("r3", Stage.SchedulingPending, T0.AddHours(1)), 2, Ct);

        var emptied = await RowAsync("b|IntakePending|0000000001");
        Assert.Equal((false, 2L), (emptied.GetBoolean("Linked"), emptied.GetInt64("Next")));
        Assert.Equal(2L, (await RowAsync("b|IntakePending|0000000000")).GetInt64("Next"));
        Assert.Equal(0L, (await RowAsync("b|IntakePending|0000000002")).GetInt64("Prev"));
        Assert.Equal(["r0", "r1", "r4", "r5"], (await AllAsync(store, Stage.IntakePending)).Select(r => r.ReferralId));

        // The head bucket emptied too: the chain now starts at bucket 2.
        await board.MoveAsync(Entry("r0", Stage.SchedulingPending, T0.AddHours(2)), 2, Ct);
        await board.MoveAsync(Entry("r1", Stage.SchedulingPending, T0.AddHours(2)), 2, Ct);
        Assert.Equal(["r4", "r5"], (await AllAsync(store, Stage.IntakePending)).Select(r => r.ReferralId));
        Assert.Equal(["r2", "r3", "r0", "r1"], (await AllAsync(store, Stage.SchedulingPending)).Select(r => r.ReferralId));
        Assert.Equal(new Dictionary<Stage, int> { [Stage.IntakePending] = 2, [Stage.SchedulingPending] = 4 }, await CountsAsync(store, Venue));
    }

    [Fact]
    public async Task GetPageAsync_TokenPointingAtABucketEmptiedSince_LeadsOnToTheRest()
    {
        var (board, store) = Board(capacity: 2);
        for (var i = 0; i < 6; i++)
        {
            await board.MoveAsync(Entry($"r{i}", Stage.IntakePending, T0.AddMinutes(i)), 1, Ct);
        }

        var first = await store.GetPageAsync(new PipelineQuery(Venue, Stage.IntakePending, null, 3, null), Ct); // r0 r1 r2, token in bucket 1
        await board.MoveAsync(Entry("r2", Stage.SchedulingPending, T0.AddHours(1)), 2, Ct);
        await board.MoveAsync(Entry("r3", Stage.SchedulingPending, T0.AddHours(1)), 2, Ct);
        var rest = await store.GetPageAsync(new PipelineQuery(Venue, Stage.IntakePending, null, 3, first.ContinuationToken), Ct);

        Assert.Equal(["r0", "r1", "r2"], first.Rows.Select(r => r.ReferralId));
        Assert.Equal(["r4", "r5"], rest.Rows.Select(r => r.ReferralId));
        Assert.Null(rest.ContinuationToken);
    }

    [Fact]
    public async Task MoveAsync_ThirtyReferralsMovingAtOnce_CountsExactAndEachReferralOnce()
    {
        var (board, store) = Board(capacity: 4);
        var ids = Enumerable.Range(0, 30).Select(i => $"r{i:D2}").ToArray();
        await Task.WhenAll(ids.Select(id => board.MoveAsync(Entry(id, Stage.MdReleaseRequested, T0), 1, Ct)));

        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            await board.MoveAsync(Entry(id, Stage.IntakePending, T0.AddHours(1)), 2, Ct);
            if (i % 3 == 0)
            {
                await board.MoveAsync(Entry(id, Stage.SchedulingPending, T0.AddHours(2)), 3, Ct);
            }
        }));

        Assert.Equal(new Dictionary<Stage, int> { [Stage.IntakePending] = 20, [Stage.SchedulingPending] = 10 }, await CountsAsync(store, Venue));
        var rows = await AllAsync(store, null, pageSize: 7);
        Assert.Equal(ids, rows.Select(r => r.ReferralId).Order());
        Assert.Equal(ids.Where((_, i) => i % 3 == 0), rows.Where(r => r.Stage == Stage.SchedulingPending).Select(r => r.ReferralId).Order());
        var buckets = new List<TableEntity>();
        await foreach (var row in (await tables.GetAsync(StorageTables.Pipeline, Ct)).QueryAsync<TableEntity>(e => e.PartitionKey == Venue, cancellationToken: Ct))
        {
            if (row.RowKey.StartsWith("b|MdReleaseRequested|", StringComparison.Ordinal) && row.GetBoolean("Linked") == true && row.GetInt64("Next") != -1)
            {
                buckets.Add(row);
            }
        }

        Assert.All(buckets, b => Assert.NotEqual("[]", b.GetString("Items"))); // only the tail may be empty and linked
    }

    [Fact]
    public async Task AddFlagAsync_ReferralOnTheBoard_ShowsOnItsRowAndFollowsItsNextMove()
    {
        var (board, store) = Board(capacity: 2);
        await board.MoveAsync(Entry("r0", Stage.IntakePending, T0), 1, Ct);
        await board.MoveAsync(Entry("r1", Stage.IntakePending, T0), 1, Ct);

        await board.AddFlagAsync(Venue, "r1", ReferralFlagKind.DeliveryFailed, Ct);
        await board.AddFlagAsync(Venue, "r1", ReferralFlagKind.DeliveryFailed, Ct); // twice changes nothing
        var flagged = await AllAsync(store, Stage.IntakePending);
        await board.MoveAsync(Entry("r1", Stage.SchedulingPending, T0.AddHours(1), flags: ReferralFlagKind.RedFlagSameDay), 2, Ct);

        Assert.Equal([[], [ReferralFlagKind.DeliveryFailed]], flagged.Select(r => r.Flags));
        var moved = Assert.Single(await AllAsync(store, Stage.SchedulingPending));
        Assert.Equal([ReferralFlagKind.RedFlagSameDay, ReferralFlagKind.DeliveryFailed], moved.Flags.Order());
        await board.AddFlagAsync(Venue, "not-on-the-board", ReferralFlagKind.DeliveryFailed, Ct);
    }

    [Fact]
    public async Task GetCountsAsync_OldestAtTheHead_CountsStuckOnesUpToTheCap()
    {
        var (board, store) = Board(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            await board.MoveAsync(Entry($"r{i}", Stage.IntakePending, T0.AddDays(i)), 1, Ct);
        }

        await board.MoveAsync(Entry("s", Stage.SchedulingPending, T0.AddDays(20)), 1, Ct);
        var cutoffs = new Dictionary<Stage, DateTimeOffset> { [Stage.IntakePending] = T0.AddDays(6), [Stage.SchedulingPending] = T0.AddDays(6) };

        var counts = (await store.GetCountsAsync(Venue, cutoffs, stuckCap: 100, Ct)).Stuck;
        var capped = (await store.GetCountsAsync(Venue, cutoffs, stuckCap: 4, Ct)).Stuck;
        var stuck = await AllAsync(store, null, pageSize: 2, enteredBefore: cutoffs);

        Assert.Equal(new Dictionary<Stage, int> { [Stage.IntakePending] = 7 }, counts);
        Assert.Equal(4, capped[Stage.IntakePending]);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"r{i}"), stuck.Select(r => r.ReferralId));
    }

    [Fact]
    public async Task GetPageAsync_EnteredSince_NewestFirstUntilTheFirstOlderReferral()
    {
        var (board, store) = Board(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            await board.MoveAsync(Entry($"r{i}", Stage.FollowUp, T0.AddDays(i)), 1, Ct); // buckets 0: r0-r2, 1: r3-r5, 2: r6-r8, 3: r9
        }

        var first = await store.GetPageAsync(new PipelineQuery(Venue, Stage.FollowUp, null, 2, null, EnteredSince: T0.AddDays(4)), Ct);
        await board.MoveAsync(Entry("r6", Stage.CareTeamFeedback, T0.AddDays(11)), 2, Ct); // bucket 2 loses r6, r7, r8 while the
        await board.MoveAsync(Entry("r7", Stage.CareTeamFeedback, T0.AddDays(11)), 2, Ct); // coordinator reads: the token still
        await board.MoveAsync(Entry("r8", Stage.CareTeamFeedback, T0.AddDays(11)), 2, Ct); // leads back through the unlinked bucket
        var rest = await AllAsync(store, Stage.FollowUp, pageSize: 2, enteredBefore: null, since: T0.AddDays(4), token: first.ContinuationToken);
        var stuckSince = await AllAsync(store, Stage.FollowUp, pageSize: 10,
            enteredBefore: new Dictionary<Stage, DateTimeOffset> { [Stage.FollowUp] = T0.AddDays(4) }, since: T0.AddDays(1));

        Assert.Equal(["r9", "r8"], first.Rows.Select(r => r.ReferralId));
        Assert.Equal(["r5", "r4"], rest.Select(r => r.ReferralId));
        Assert.Equal(["r4", "r3", "r2", "r1"], stuckSince.Select(r => r.ReferralId));
    }

    [Fact]
    public async Task GetPageAsync_OneReferralPerBucket_StopsAtTheReadLimitAndContinuesByToken()
    {
        var (board, store) = Board(capacity: 1);
        var ids = Enumerable.Range(0, TablePipelineStore.MaxBucketReadsPerPage + 5).Select(i => $"r{i:D2}").ToArray();
        foreach (var id in ids)
        {
            await board.MoveAsync(Entry(id, Stage.ConsentPending, T0), 1, Ct);
        }

        var sizes = new List<int>();
        var rows = await AllAsync(store, Stage.ConsentPending, pageSize: 50, pageSizes: sizes);

        Assert.Equal(ids, rows.Select(r => r.ReferralId));
        Assert.Equal([TablePipelineStore.MaxBucketReadsPerPage, 5], sizes);
    }

    [Fact]
    public async Task LayOut_SameReferrals_ReadsTheSameAsMovingThemOneByOne()
    {
        var (board, store) = Board(capacity: 3);
        var entries = Enumerable.Range(0, 10)
            .Select(i => Entry($"r{i}", i % 2 == 0 ? Stage.IntakePending : Stage.FollowUp, T0.AddHours(i), "venue-moved", i == 4 ? [ReferralFlagKind.RedFlagSameDay] : []))
            .ToArray();
        foreach (var e in entries)
        {
            await board.MoveAsync(e, 1, Ct);
        }

        var table = await tables.GetAsync(StorageTables.Pipeline, Ct);
        var laidOut = PipelineBoard.LayOut("venue-laid-out", entries.OrderBy(e => e.Stage).Select(e => e with { VenueId = "venue-laid-out" }), bucketCapacity: 3);
        await table.SubmitTransactionAsync(laidOut.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), Ct);
        await board.MoveAsync(Entry("r0", Stage.SchedulingPending, T0.AddDays(1), "venue-laid-out"), 2, Ct); // and it moves on like any other

        var moved = await AllAsync(store, null, pageSize: 4, venue: "venue-moved");
        var fromLayout = await AllAsync(store, null, pageSize: 4, venue: "venue-laid-out");
        Assert.Equal(moved.Select(r => (r.ReferralId, r.Stage, r.EnteredAt, string.Join(',', r.Flags))).Where(r => r.ReferralId != "r0"),
            fromLayout.Where(r => r.ReferralId != "r0").Select(r => (r.ReferralId, r.Stage, r.EnteredAt, string.Join(',', r.Flags))));
        Assert.Equal(Stage.SchedulingPending, fromLayout.Single(r => r.ReferralId == "r0").Stage);
        Assert.Equal(new Dictionary<Stage, int> { [Stage.IntakePending] = 4, [Stage.FollowUp] = 5, [Stage.SchedulingPending] = 1 },
            await CountsAsync(store, "venue-laid-out"));
    }

    [Theory]
    [InlineData("bm90IGEgdG9rZW4")] // "not a token"
    [InlineData("SW50YWtlUGVuZGluZy4wLi0y")] // IntakePending.0.-2
    [InlineData("MTIuMC4w")] // 12.0.0: a stage by number
    [InlineData("Rm9sbG93VXAuMC4w")] // FollowUp.0.0: another stage than the one asked for
    public async Task GetPageAsync_TokenNotIssuedForThisQuery_IsRefused(string token)
    {
        var (board, store) = Board(capacity: 2);
        await board.MoveAsync(Entry("r", Stage.IntakePending, T0), 1, Ct);

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() =>
            store.GetPageAsync(new PipelineQuery(Venue, Stage.IntakePending, null, 10, token), Ct));
    }
}
