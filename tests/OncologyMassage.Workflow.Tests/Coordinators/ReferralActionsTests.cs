using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Coordinators;

/// <summary>
/// A cancel that reaches a referral before its orchestration exists (decision 0010: the POST answers before the start)
/// would be dropped by the engine; it is refused instead.
/// </summary>
public sealed class ReferralActionsTests
{
    private readonly Mock<IReferralStore> referrals = new();
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private static readonly CoordinatorCaller Coordinator = new("c-1", "Casey", ["harbor-infusion-center"]);

    // Cancels store nothing first, so they do not go through the answer relay (a recorded session does: Engine/RecordedSessionDeliveryTests).
    private ReferralActions Actions => new(referrals.Object, Mock.Of<IBookingStore>(), Mock.Of<ISessionStore>(), null!, workflow.Object, null!,
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)));

    private static ReferralRecord Referral(Stage stage) => new("ref-1", "harbor", null!, stage, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public async Task CancelAsync_ReceivedAndNoInstanceYet_ReturnsStartingAndRaisesNothing()
    {
        workflow.Setup(w => w.GetInstanceAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        var outcome = await Actions.CancelAsync(Coordinator, Referral(Stage.Received), "duplicate", CancellationToken.None);

        Assert.Equal(ActionOutcome.Starting, outcome);
        workflow.Verify(w => w.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Never);
        referrals.VerifyNoOtherCalls(); // no "Cancelled by" on the timeline either
    }

    [Fact]
    public async Task CancelAsync_ReceivedAndInstanceExists_RaisesTheCancel()
    {
        workflow.Setup(w => w.GetInstanceAsync("ref-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(ReferralOrchestration), "ref-1") { RuntimeStatus = OrchestrationRuntimeStatus.Pending });
        workflow.Setup(w => w.RaiseEventAsync("ref-1", WorkflowEvents.CancelRequested, It.IsAny<CancelRequest>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Actions.CancelAsync(Coordinator, Referral(Stage.Received), "duplicate", CancellationToken.None);

        Assert.Equal(ActionOutcome.Done, outcome);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task CancelAsync_PastReceived_RaisesWithoutLookingUpTheInstance()
    {
        // Only the orchestration moves a referral on from Received, so a later stage proves the instance exists.
        workflow.Setup(w => w.RaiseEventAsync("ref-1", WorkflowEvents.CancelRequested, It.IsAny<CancelRequest>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Actions.CancelAsync(Coordinator, Referral(Stage.MdReleaseRequested), "duplicate", CancellationToken.None);

        Assert.Equal(ActionOutcome.Done, outcome);
        workflow.VerifyAll();
        workflow.VerifyNoOtherCalls();
    }
}
