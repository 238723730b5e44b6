using OncologyMassage.Domain.Clinical;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

public sealed class TablePlanStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static AdaptationPlan Plan(params Finding[] findings) => new AdaptationEngine().Evaluate(findings, new DateOnly(2026, 11, 25));

    [Fact]
    public async Task GetLatestAsync_SeveralVersions_ReturnsTheHighest()
    {
        var store = new TablePlanStore(StoreFactory.Tables(azurite));
        var strict = Plan(new Finding(PrecautionCode.LowPlatelets, Value: 30_000));
        await store.SaveAsync(new PlanRecord("ref-1", 2, strict, At.AddHours(1), "release and intake") { HoldsClearedBy = "Dr. Demo" }, TestContext.Current.CancellationToken);
        await store.SaveAsync(new PlanRecord("ref-1", 1, Plan(), At, "release restrictions only"), TestContext.Current.CancellationToken);
        await store.SaveAsync(new PlanRecord("ref-2", 3, Plan(), At, "other referral"), TestContext.Current.CancellationToken);

        var latest = await store.GetLatestAsync("ref-1", TestContext.Current.CancellationToken);

        Assert.Equal((2, "release and intake", "Dr. Demo", At.AddHours(1)), (latest!.Version, latest.Basis, latest.HoldsClearedBy, latest.CreatedAt));
        Assert.True(latest.Plan.IsAtLeastAsStrictAs(strict) && strict.IsAtLeastAsStrictAs(latest.Plan));
    }

    [Fact]
    public async Task SaveAsync_SameVersionTwice_KeepsTheFirst()
    {
        var store = new TablePlanStore(StoreFactory.Tables(azurite));
        await store.SaveAsync(new PlanRecord("ref-1", 1, Plan(), At, "first"), TestContext.Current.CancellationToken);

        await store.SaveAsync(new PlanRecord("ref-1", 1, Plan(), At, "second"), TestContext.Current.CancellationToken);

        Assert.Equal("first", (await store.GetLatestAsync("ref-1", TestContext.Current.CancellationToken))!.Basis);
    }

    [Fact]
    public async Task GetLatestAsync_NoPlan_ReturnsNull()
    {
        var store = new TablePlanStore(StoreFactory.Tables(azurite));

        Assert.Null(await store.GetLatestAsync("ref-none", TestContext.Current.CancellationToken));
    }
}
