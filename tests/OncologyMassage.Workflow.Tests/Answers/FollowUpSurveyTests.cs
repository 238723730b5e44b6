using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Answers;

/// <summary>
/// The web survey's open and submit in one request: the follow-up is read once (by the open), the submit compares with
/// what the open found and raises the answer it stored without reading it back (issue #16 item 4b).
/// </summary>
public sealed class FollowUpSurveyTests
{
    private readonly RelayFixture stores = new();
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private FollowUpSurvey Survey() => new(stores.Sessions.Object, stores.Relay(clock, workflow.Object), clock);

    private static readonly (FollowUpItem, int)[] Ratings = [(FollowUpItem.Pain, 1)];

    [Fact]
    public async Task SubmitAsync_OpenedInTheSameRequest_ReadsTheFollowUpOnceAndRaisesWhatItStored()
    {
        stores.Sessions.Setup(s => s.GetFollowUpAsync("ref-1", "survey-1", It.IsAny<CancellationToken>())).ReturnsAsync((FollowUpRecord?)null);
        stores.Sessions.Setup(s => s.RecordFollowUpAsync(It.IsAny<FollowUpRecord>(), "venue-a", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        workflow.Setup(w => w.RaiseEventAsync("ref-1", WorkflowEvents.FollowUpAnswered,
            new ClientReply(clock.GetUtcNow(), ReplyChannel.Web, "survey-1") { FollowUpId = "survey-1" }, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var survey = Survey();

        var link = await survey.OpenAsync("ref-1", "survey-1", CancellationToken.None);
        var submitted = await survey.SubmitAsync("ref-1", "venue-a", link, Ratings, "Sleeping better", CancellationToken.None);

        Assert.Equal((FollowUpLinkState.Open, RelayOutcome.Stored), (link.State, submitted.Outcome));
        stores.Sessions.Verify(s => s.GetFollowUpAsync("ref-1", "survey-1", It.IsAny<CancellationToken>()), Times.Once);
        stores.Sessions.Verify(s => s.ListFollowUpsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task SubmitAsync_AnsweredByTextWhileTheFormWasOpen_IsAConflictAndRaisesNothing()
    {
        var byText = new FollowUpRecord("ref-1", "survey-1", 1, FollowUpKind.Email7Days, true, clock.GetUtcNow(), [], "pain 5", RedFlagLevel.None);
        stores.Sessions.SetupSequence(s => s.GetFollowUpAsync("ref-1", "survey-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync((FollowUpRecord?)null) // when the form opened
            .ReturnsAsync(byText); // after the insert found a row
        stores.Sessions.Setup(s => s.RecordFollowUpAsync(It.IsAny<FollowUpRecord>(), "venue-a", It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var survey = Survey();

        var link = await survey.OpenAsync("ref-1", "survey-1", CancellationToken.None);
        var submitted = await survey.SubmitAsync("ref-1", "venue-a", link, Ratings, "Sleeping better", CancellationToken.None);

        Assert.Equal(RelayOutcome.Conflict, submitted.Outcome);
        workflow.VerifyNoOtherCalls();
    }
}
