using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Durable;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Tests.Durable;

/// <summary>The port's adapter makes the calls the services made on the client before the port: same names, inputs, ids and options.</summary>
public sealed class DurableReferralWorkflowClientTests
{
    private readonly Mock<DurableTaskClient> client = new(MockBehavior.Strict, "test");

    private DurableReferralWorkflowClient Workflow => new(new FixedDurableClientSource(client.Object));

    [Fact]
    public async Task StartReferralAsync_Called_SchedulesReferralOrchestrationUnderTheReferralId()
    {
        var input = new ReferralWorkflowInput("ref-1", "harbor", new WorkflowOptions().ToTimings());
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(new TaskName(nameof(ReferralOrchestration)), input,
                It.Is<StartOrchestrationOptions>(o => o.InstanceId == "ref-1"), It.IsAny<CancellationToken>()))
            .ReturnsAsync("ref-1");

        await Workflow.StartReferralAsync("ref-1", input, CancellationToken.None);

        client.VerifyAll();
    }

    [Fact]
    public async Task StartFlagEscalationAsync_Called_SchedulesFlagEscalationOrchestrationUnderTheInstanceId()
    {
        var input = new FlagEscalationInput("ref-1.abcdefabcdef", "ref-1", RedFlagLevel.Immediate, DateTimeOffset.UnixEpoch,
            new EscalationTimings(TimeSpan.FromMinutes(15), 3, false, "UTC", new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday], DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5)));
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(new TaskName(nameof(FlagEscalationOrchestration)), input,
                It.Is<StartOrchestrationOptions>(o => o.InstanceId == "flag-ref-1.abcdefabcdef"), It.IsAny<CancellationToken>()))
            .ReturnsAsync("flag-ref-1.abcdefabcdef");

        await Workflow.StartFlagEscalationAsync("flag-ref-1.abcdefabcdef", input, CancellationToken.None);

        client.VerifyAll();
    }

    [Fact]
    public async Task TerminateAsync_Called_TerminatesWithTheOutput()
    {
        client.Setup(c => c.TerminateInstanceAsync("ref-1", It.Is<TerminateInstanceOptions>(o => Equals(o.Output, "erased")), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await Workflow.TerminateAsync("ref-1", "erased", CancellationToken.None);

        client.VerifyAll();
    }

    [Fact]
    public async Task PurgeAsync_Called_ReturnsHowManyInstancesWerePurged()
    {
        client.Setup(c => c.PurgeInstanceAsync("ref-1", null, It.IsAny<CancellationToken>())).ReturnsAsync(new PurgeResult(1));

        Assert.Equal(1, await Workflow.PurgeAsync("ref-1", CancellationToken.None));
    }

    [Fact]
    public async Task GetInstanceAsync_Called_ReadsStatusWithoutInputsAndOutputs()
    {
        var metadata = new OrchestrationMetadata(nameof(ReferralOrchestration), "ref-1") { RuntimeStatus = OrchestrationRuntimeStatus.Running };
        client.Setup(c => c.GetInstancesAsync("ref-1", false, It.IsAny<CancellationToken>())).ReturnsAsync(metadata);

        Assert.Same(metadata, await Workflow.GetInstanceAsync("ref-1", CancellationToken.None));
    }
}
