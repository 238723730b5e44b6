using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Tests.Answers;

namespace OncologyMassage.Workflow.Tests.Forms;

public sealed class ReleaseAnswerHandlerTests
{
    private readonly RelayFixture stores = new();
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, ReleaseRecord> rows = [];

    public ReleaseAnswerHandlerTests()
    {
        stores.Releases.Setup(r => r.GetAsync("ref-1", It.IsAny<CancellationToken>())).ReturnsAsync(() => rows.GetValueOrDefault(""));
        stores.Releases.Setup(r => r.GetAnswerAsync("ref-1", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string key, CancellationToken _) => rows.GetValueOrDefault(key));
        stores.Releases.Setup(r => r.TryRecordAsync(It.IsAny<ReleaseRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ReleaseRecord record, CancellationToken _) => rows.TryAdd(record.QuestionKey ?? "", record));
    }

    private ReleaseAnswerHandler Handler() => new(stores.Releases.Object, stores.Relay(clock, workflow.Object), NullLogger<ReleaseAnswerHandler>.Instance);

    private ReleaseSubmission Submission(ReleaseOutcome outcome, string? questionKey = null) =>
        new("ref-1", new ReleaseDecision(outcome, "Dr. Rosa Demo", [], outcome == ReleaseOutcome.Declined ? "Platelets too low" : null), questionKey,
            clock.GetUtcNow(), "203.0.113.9", "tests");

    private static ReferralRecord Referral(Stage stage) => new("ref-1", "practice-1", new Referral(
        new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550143", "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), "harbor", ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [], []), null, 3), stage, 2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public async Task SubmitAsync_NewRelease_StoresItAndRaisesTheOutcomeOnly()
    {
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ReleaseDecided, new ReleaseAnswered(ReleaseOutcome.Approved, clock.GetUtcNow()),
            It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Handler().SubmitAsync(Submission(ReleaseOutcome.Approved), CancellationToken.None);

        Assert.Equal(RelayOutcome.Stored, outcome);
        Assert.Equal(("203.0.113.9", "tests"), (rows[""].SignerIp, rows[""].SignerUserAgent));
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task SubmitAsync_HoldQuestion_RaisesWithTheQuestionsKey()
    {
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ReleaseDecided,
            new ReleaseAnswered(ReleaseOutcome.Approved, clock.GetUtcNow()) { QuestionKey = "1764000000" }, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Handler().SubmitAsync(Submission(ReleaseOutcome.Approved, "1764000000"), CancellationToken.None);

        Assert.Equal(RelayOutcome.Stored, outcome);
        Assert.Equal("1764000000", Assert.Single(rows).Key);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task SubmitAsync_DifferentSecondDecision_IsAConflictAndTheFirstStands()
    {
        workflow.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await Handler().SubmitAsync(Submission(ReleaseOutcome.Approved), CancellationToken.None);

        var second = await Handler().SubmitAsync(Submission(ReleaseOutcome.Declined), CancellationToken.None);

        Assert.Equal(RelayOutcome.Conflict, second);
        Assert.Equal(ReleaseOutcome.Approved, rows[""].Decision.Outcome);
        workflow.Verify(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SubmitAsync_EarlierReadByTheRequest_IsNotReadAgainBeforeStoring()
    {
        workflow.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var outcome = await Handler().SubmitAsync(Submission(ReleaseOutcome.Approved), CancellationToken.None, new ReadMomentsAgo<ReleaseRecord>(null));

        Assert.Equal(RelayOutcome.Stored, outcome);
        stores.Releases.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SubmitAsync_EarlierReadAsNothingButStoredMeanwhile_ComparesWithWhatIsStored()
    {
        workflow.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await Handler().SubmitAsync(Submission(ReleaseOutcome.Approved), CancellationToken.None);

        // The request read nothing a moment ago; another submit stored an approval in between.
        var outcome = await Handler().SubmitAsync(Submission(ReleaseOutcome.Declined), CancellationToken.None, new ReadMomentsAgo<ReleaseRecord>(null));

        Assert.Equal(RelayOutcome.Conflict, outcome);
        Assert.Equal(ReleaseOutcome.Approved, rows[""].Decision.Outcome);
    }

    [Theory]
    [InlineData(Stage.MdReleaseRequested, null, ReleaseFormState.Open)]
    [InlineData(Stage.IntakePending, null, ReleaseFormState.NotAwaiting)]
    [InlineData(Stage.NeedsMdInput, "1764000000", ReleaseFormState.Open)]
    [InlineData(Stage.MdReleaseRequested, "1764000000", ReleaseFormState.NotAwaiting)]
    public async Task StateAsync_Stage_OpenOnlyWhileWaitingForThisAnswer(Stage stage, string? questionKey, ReleaseFormState expected)
    {
        var (state, _) = await Handler().StateAsync(Referral(stage), questionKey, CancellationToken.None);

        Assert.Equal(expected, state);
    }
}
