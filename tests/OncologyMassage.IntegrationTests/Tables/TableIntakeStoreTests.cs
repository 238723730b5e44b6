using OncologyMassage.Domain.Clinical;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

public sealed class TableIntakeStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Intake Intake() => new()
    {
        CompletedOn = new DateOnly(2026, 11, 25),
        CancerType = "Breast cancer",
        Surgeries = [new SurgeryRecord("Lumpectomy", new DateOnly(2026, 6, 2), new BodySite(BodyRegion.Chest, BodySide.Left))
        {
            Nodes = new NodeTreatment(new BodySite(BodyRegion.UpperQuadrant, BodySide.Left), 3, SentinelOnly: true),
        }],
        Devices = [new MedicalDevice(DeviceType.Port, new BodySite(BodyRegion.Chest, BodySide.Right), SiteSigns: FindingSigns.Redness | FindingSigns.Pain)],
        Labs = new LabResults(Platelets: new LabValue(45_000, new DateOnly(2026, 11, 20))),
        Symptoms = new IntakeSymptoms(Pain: 3, Fatigue: 6),
        PositionsThatHurt = [Position.Prone],
    };

    [Fact]
    public async Task TryRecordAsync_New_StoresAnIntakeThatReadsBackEqual()
    {
        var store = new TableIntakeStore(StoreFactory.Tables(azurite));
        var intake = Intake();

        var stored = await store.TryRecordAsync(new IntakeRecord("ref-1", intake, At), TestContext.Current.CancellationToken);
        var read = await store.GetAsync("ref-1", TestContext.Current.CancellationToken);

        Assert.True(stored);
        Assert.Equal(At, read!.SubmittedAt);
        Assert.Equal(IntakeFindings.From(intake, new ClinicalRuleOptions()), IntakeFindings.From(read.Intake, new ClinicalRuleOptions()));
        Assert.Equal(intake.Surgeries[0].Nodes, read.Intake.Surgeries[0].Nodes);
    }

    [Fact]
    public async Task TryRecordAsync_Second_ReturnsFalseAndKeepsTheFirst()
    {
        var store = new TableIntakeStore(StoreFactory.Tables(azurite));
        await store.TryRecordAsync(new IntakeRecord("ref-1", Intake(), At), TestContext.Current.CancellationToken);

        var second = await store.TryRecordAsync(new IntakeRecord("ref-1", Intake() with { CancerType = "Other" }, At.AddHours(1)), TestContext.Current.CancellationToken);

        Assert.False(second);
        Assert.Equal("Breast cancer", (await store.GetAsync("ref-1", TestContext.Current.CancellationToken))!.Intake.CancerType);
    }

    [Fact]
    public async Task DeleteAsync_Stored_LetsTheIntakeBeRecordedAgain()
    {
        var store = new TableIntakeStore(StoreFactory.Tables(azurite));
        await store.TryRecordAsync(new IntakeRecord("ref-1", Intake(), At), TestContext.Current.CancellationToken);

        await store.DeleteAsync("ref-1", TestContext.Current.CancellationToken);

        Assert.Null(await store.GetAsync("ref-1", TestContext.Current.CancellationToken));
        Assert.True(await store.TryRecordAsync(new IntakeRecord("ref-1", Intake(), At), TestContext.Current.CancellationToken));
    }
}
