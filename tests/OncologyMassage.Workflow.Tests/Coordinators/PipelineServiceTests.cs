using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Coordinators;

public sealed class PipelineServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly Mock<IPipelineStore> store = new(MockBehavior.Strict);

    private void CountsAre(Dictionary<Stage, int> counts, Dictionary<Stage, int>? stuck = null) =>
        store.Setup(s => s.GetCountsAsync("v", It.IsAny<IReadOnlyDictionary<Stage, DateTimeOffset>>(), PipelineOptions.StuckCountCap, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PipelineCounts(counts, stuck ?? []));

    private PipelineService Service() => new(store.Object, Microsoft.Extensions.Options.Options.Create(new PipelineOptions()), new FakeTimeProvider(Now));

    [Fact]
    public async Task GetAsync_StuckOnlyForAStage_QueriesRowsEnteredBeforeItsExpectedDuration()
    {
        PipelineQuery? asked = null;
        CountsAre([]);
        store.Setup(s => s.GetPageAsync(It.IsAny<PipelineQuery>(), It.IsAny<CancellationToken>()))
            .Callback<PipelineQuery, CancellationToken>((q, _) => asked = q)
            .ReturnsAsync(new PipelinePage([], null));

        await Service().GetAsync("v", Stage.IntakePending, stuckOnly: true, since: null, 10, null, TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<Stage, DateTimeOffset> { [Stage.IntakePending] = Now.AddDays(-3) }, asked?.EnteredBefore);
        Assert.Equal((Stage.IntakePending, 10), (asked?.Stage, asked?.PageSize));
    }

    [Fact]
    public async Task GetAsync_Since_AsksForReferralsThatEnteredTheirStageSince()
    {
        PipelineQuery? asked = null;
        CountsAre([]);
        store.Setup(s => s.GetPageAsync(It.IsAny<PipelineQuery>(), It.IsAny<CancellationToken>()))
            .Callback<PipelineQuery, CancellationToken>((q, _) => asked = q)
            .ReturnsAsync(new PipelinePage([], null));

        await Service().GetAsync("v", null, stuckOnly: false, since: Now.AddDays(-1), 10, "token", TestContext.Current.CancellationToken);

        Assert.Equal(new PipelineQuery("v", null, null, 10, "token", Now.AddDays(-1)), asked);
    }

    [Fact]
    public async Task GetAsync_StuckOnlyForAStageWithNoExpectedDuration_ReadsNoPage()
    {
        CountsAre(new() { [Stage.Completed] = 4 });

        var view = await Service().GetAsync("v", Stage.Completed, stuckOnly: true, since: null, 10, null, TestContext.Current.CancellationToken);

        Assert.Empty(view.Items);
        Assert.Equal(4, view.Counts["Completed"]);
    }

    [Fact]
    public async Task GetAsync_RowPastItsStagesDuration_IsStuckWithOverdueSecondsAndItsActions()
    {
        var row = new PipelineRow("ref-1", "v", "AS", Stage.SchedulingPending, Now.AddDays(-2).AddHours(-5), [ReferralFlagKind.RedFlagSameDay]);
        IReadOnlyDictionary<Stage, DateTimeOffset>? cutoffs = null;
        store.Setup(s => s.GetCountsAsync("v", It.IsAny<IReadOnlyDictionary<Stage, DateTimeOffset>>(), PipelineOptions.StuckCountCap, It.IsAny<CancellationToken>()))
            .Callback<string, IReadOnlyDictionary<Stage, DateTimeOffset>, int, CancellationToken>((_, c, _, _) => cutoffs = c)
            .ReturnsAsync(new PipelineCounts(new Dictionary<Stage, int> { [Stage.SchedulingPending] = 1 }, new Dictionary<Stage, int> { [Stage.SchedulingPending] = 1 }));
        store.Setup(s => s.GetPageAsync(It.IsAny<PipelineQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new PipelinePage([row], "next"));

        var view = await Service().GetAsync("v", null, stuckOnly: false, since: null, 50, null, TestContext.Current.CancellationToken);

        var item = Assert.Single(view.Items);
        Assert.Equal((true, 5 * 3600L, (long)TimeSpan.FromHours(53).TotalSeconds), (item.Stuck, item.OverdueSeconds, item.AgeInStageSeconds));
        Assert.Equal([CoordinatorAction.Cancel, CoordinatorAction.BookSlot], item.Actions);
        Assert.Equal(1, view.StuckCounts["SchedulingPending"]);
        Assert.Equal(Now.AddDays(-2), cutoffs![Stage.SchedulingPending]); // each stage's cutoff: now minus its expected duration
        Assert.Equal("next", view.ContinuationToken);
    }
}
