using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Workflow.Tests.Referrals;

public sealed class ReferralSubmissionsTests
{
    private readonly Mock<IReferralStore> store = new(MockBehavior.Strict);
    private readonly Mock<IIdempotencyStore> keys = new(MockBehavior.Strict);
    private readonly Mock<IPhoneIndex> phones = new();
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private readonly Mock<IVenueStore> venues = new(MockBehavior.Strict);
    private readonly QueuedAfterAnswer afterAnswer = new();
    private static readonly Practice Practice = new("harbor", "Harbor Oncology");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private ReferralSubmissions Submissions => new(
        new ReferralNormalizer(new PhoneNumberNormalizer()), store.Object, keys.Object, phones.Object, venues.Object,
        Microsoft.Extensions.Options.Options.Create(new WorkflowOptions()), workflow.Object, afterAnswer, clock, NullLogger<ReferralSubmissions>.Instance);

    public ReferralSubmissionsTests()
    {
        venues.Setup(v => v.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((Venue?)null);
        venues.Setup(v => v.GetAsync("harbor-infusion-center", It.IsAny<CancellationToken>())).ReturnsAsync(new Venue(
            "harbor-infusion-center", "Harbor Infusion Center", VenueType.InfusionCenter, "America/New_York", "Boston", "c@example.org",
            new ConsentDocument("2026-11", "Consent", "Text"), []));
    }

    private static ReferralRequest Valid() => new(
        new ClientRequest("Ada", "Sample", "1968-04-12", "+16175550143", "ada@example.org", "sms", "America/New_York"),
        new OncologistRequest("Dr. Demo", "Practice", "dr@example.org", "+16175550100"),
        "harbor-infusion-center", "OncologyMassage", new ClinicalSummaryRequest("Breast cancer", [], []), null, null);

    [Fact]
    public async Task SubmitAsync_InvalidReferral_WritesNothingAndStartsNothing()
    {
        var result = await Submissions.SubmitAsync(Practice, Valid() with { Service = "Reiki" }, new IdempotencyToken("k", "h"), CancellationToken.None);

        Assert.IsType<SubmissionResult.Invalid>(result);
        phones.VerifyNoOtherCalls();
        store.VerifyNoOtherCalls();
        keys.VerifyNoOtherCalls();
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_VenueNotInTheStore_ReturnsUnknownVenueAndWritesNothing()
    {
        var result = await Submissions.SubmitAsync(Practice, Valid() with { VenueId = "closed-venue" }, new IdempotencyToken("k", "h"), CancellationToken.None);

        Assert.Equal(new SubmissionResult.UnknownVenue("closed-venue"), result);
        store.VerifyNoOtherCalls();
        keys.VerifyNoOtherCalls();
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_ValidReferral_StoresItAsReceivedThenStartsItsOrchestrationWithTheSameId()
    {
        ReferralRecord? stored = null;
        ReferralWorkflowInput? started = null;
        string? instanceId = null;
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>()))
            .Callback((ReferralRecord r, CancellationToken _) => stored = r).ReturnsAsync(true);
        workflow.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        workflow.Setup(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()))
            .Callback((string id, ReferralWorkflowInput input, CancellationToken _) => (started, instanceId) = (input, id))
            .Returns(Task.CompletedTask);

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);
        await afterAnswer.RunAllAsync();

        var accepted = Assert.IsType<SubmissionResult.Accepted>(result);
        Assert.Equal((Stage.Received, clock.GetUtcNow(), "harbor"), (stored!.Stage, stored.CreatedAt, stored.PracticeId));
        Assert.Matches("^ref-[0-9a-f]{32}$", accepted.Referral.Id);
        Assert.Equal(accepted.Referral.Id, instanceId);
        Assert.Equal(
            new ReferralWorkflowInput(accepted.Referral.Id, "harbor-infusion-center", new WorkflowOptions().ToTimings())
            {
                ClientTimeZone = "America/New_York",
                SessionsAuthorised = accepted.Referral.Referral.SessionsAuthorised,
                Version = WorkflowVersions.Current,
            },
            started);
    }

    [Fact]
    public async Task SubmitAsync_NewReferral_LeavesTheDuplicateCheckToTheStartAlone()
    {
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        workflow.Setup(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);
        await afterAnswer.RunAllAsync();

        Assert.IsType<SubmissionResult.Accepted>(result);
        workflow.Verify(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        workflow.Verify(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SubmitAsync_RowAlreadyThere_LooksForItsInstanceBeforeStartingOne()
    {
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ReferralRecord?)null);
        workflow.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(ReferralOrchestration), "ref-x") { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);
        await afterAnswer.RunAllAsync();

        Assert.IsType<SubmissionResult.Accepted>(result);
        workflow.Verify(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        workflow.Verify(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SubmitAsync_InstanceStartedByAConcurrentRetry_IsAcceptedNotFailed()
    {
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        // A new row skips the look-up before the start; the failed start's look-up finds the instance the retry started.
        workflow.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(ReferralOrchestration), "ref-x") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        workflow.Setup(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("An orchestration with this instance id already exists."));

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);
        await afterAnswer.RunAllAsync(); // does not throw: the instance is there

        Assert.IsType<SubmissionResult.Accepted>(result);
    }

    [Fact]
    public async Task SubmitAsync_StartFailsAfterTheAnswer_AnswerStandsAndTheWorkAfterItFails()
    {
        // The row is stored, so the answer stands; the failed start surfaces in the work after the answer (which logs it)
        // and the orphan sweep starts the instance.
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        workflow.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        workflow.Setup(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("storage unavailable"));

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);

        Assert.IsType<SubmissionResult.Accepted>(result);
        await Assert.ThrowsAsync<TimeoutException>(afterAnswer.RunAllAsync);
    }

    [Fact]
    public async Task SubmitAsync_ValidReferral_AnswersBeforeIndexingThePhoneOrStartingTheOrchestration()
    {
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);

        var accepted = Assert.IsType<SubmissionResult.Accepted>(result);
        Assert.Equal([accepted.Referral.Id], afterAnswer.ReferralIds);
        phones.VerifyNoOtherCalls();
        workflow.VerifyNoOtherCalls(); // strict: any engine call before the answer would have thrown
    }

    [Fact]
    public async Task SubmitAsync_NewReferral_WritesTheAuditEntryBesideTheRowAndBothBeforeTheAnswer()
    {
        // The row insert is held open: the audit entry must start meanwhile (one round trip, not two in a row), and the
        // answer must wait for both.
        var row = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).Returns(row.Task);
        var auditStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var audited = new List<(string Id, bool IsNew)>();

        var submit = Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None, async (id, isNew, _) =>
        {
            audited.Add((id, isNew));
            auditStarted.SetResult();
            await Task.Yield();
        });

        await auditStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(submit.IsCompleted); // the row is not stored yet: no answer
        Assert.Empty(afterAnswer.ReferralIds);
        row.SetResult(true);
        var accepted = Assert.IsType<SubmissionResult.Accepted>(await submit);
        Assert.Equal([(accepted.Referral.Id, true)], audited);
        Assert.Equal([accepted.Referral.Id], afterAnswer.ReferralIds);
    }

    [Fact]
    public async Task SubmitAsync_RowInsertFails_AuditsTheAttemptAsNotStoredIndexesNothingAndStartsNothing()
    {
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("storage unavailable"));
        var entries = new List<string>();

        await Assert.ThrowsAsync<TimeoutException>(() => Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None,
            (id, _, _) => { entries.Add("submitted " + id); return Task.CompletedTask; },
            (id, _, _) => { entries.Add("not stored " + id); return Task.CompletedTask; }));

        Assert.Equal(2, entries.Count);
        Assert.StartsWith("submitted ref-", entries[0], StringComparison.Ordinal);
        Assert.Equal("not stored " + entries[0]["submitted ".Length..], entries[1]);
        Assert.Empty(afterAnswer.ReferralIds);
        phones.VerifyNoOtherCalls();
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_RowInsertAndAuditBothFail_WritesNoNotStoredEntry()
    {
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("storage unavailable"));
        var notStored = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None,
            (_, _, _) => Task.FromException(new TimeoutException("audit table unavailable")),
            (_, _, _) => { notStored++; return Task.CompletedTask; }));

        Assert.Equal(0, notStored); // nothing in the chain to follow up
        Assert.Empty(afterAnswer.ReferralIds);
    }

    [Fact]
    public async Task SubmitAsync_AuditFails_FailsTheRequestAndHandsOverNoStart()
    {
        // The request answers 5xx; the stored row is the orphan sweep's to start (as a start lost after the answer would be).
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await Assert.ThrowsAsync<TimeoutException>(() => Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None,
            (_, _, _) => Task.FromException(new TimeoutException("audit table unavailable"))));

        Assert.Empty(afterAnswer.ReferralIds);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_KeyUsedWithAnotherBody_ReturnsKeyReusedAndWritesNoReferral()
    {
        keys.Setup(k => k.ClaimAsync("harbor", "k", "new-hash", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IdempotencyClaim(false, "ref-earlier", "old-hash"));

        var result = await Submissions.SubmitAsync(Practice, Valid(), new IdempotencyToken("k", "new-hash"), CancellationToken.None);

        Assert.Equal(new SubmissionResult.KeyReused("ref-earlier"), result);
        store.VerifyNoOtherCalls();
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_ValidReferral_IndexesTheClientsMobileBeforeStartingTheOrchestration()
    {
        var order = new List<string>();
        store.Setup(s => s.TryCreateAsync(It.IsAny<ReferralRecord>(), It.IsAny<CancellationToken>())).Callback(() => order.Add("create")).ReturnsAsync(true);
        phones.Setup(p => p.AddReferralAsync("+16175550143", It.IsAny<string>(), It.IsAny<CancellationToken>())).Callback(() => order.Add("index")).Returns(Task.CompletedTask);
        workflow.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        workflow.Setup(d => d.StartReferralAsync(It.IsAny<string>(), It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("start"))
            .Returns(Task.CompletedTask);

        var result = await Submissions.SubmitAsync(Practice, Valid(), null, CancellationToken.None);
        order.Add("answer");
        await afterAnswer.RunAllAsync();

        var accepted = Assert.IsType<SubmissionResult.Accepted>(result);
        phones.Verify(p => p.AddReferralAsync("+16175550143", accepted.Referral.Id, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(["create", "answer", "index", "start"], order);
    }

    [Fact]
    public async Task SubmitAsync_RepeatedIdempotencyKey_EnsuresTheStartBeforeAnsweringAndHandsOverNothing()
    {
        var earlier = new ReferralRecord("ref-earlier", "harbor", new ReferralNormalizer(new PhoneNumberNormalizer()).Normalize(Valid(), new DateOnly(2026, 11, 25)).Referral!,
            Stage.Received, 0, clock.GetUtcNow(), clock.GetUtcNow(), null);
        keys.Setup(k => k.ClaimAsync("harbor", "k", "h", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(new IdempotencyClaim(false, "ref-earlier", "h"));
        store.Setup(s => s.GetAsync("ref-earlier", It.IsAny<CancellationToken>())).ReturnsAsync(earlier);
        workflow.Setup(d => d.GetInstanceAsync("ref-earlier", It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        workflow.Setup(d => d.StartReferralAsync("ref-earlier", It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var result = await Submissions.SubmitAsync(Practice, Valid(), new IdempotencyToken("k", "h"), CancellationToken.None);

        Assert.Equal(new SubmissionResult.Accepted(earlier, Replayed: true), result);
        workflow.Verify(d => d.StartReferralAsync("ref-earlier", It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(afterAnswer.ReferralIds);
    }

    [Fact]
    public async Task EnsureStartedAsync_InstanceAlreadyThere_WritesNoPhoneIndexAndStartsNothing()
    {
        var record = Earlier();
        workflow.Setup(d => d.GetInstanceAsync("ref-earlier", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(ReferralOrchestration), "ref-earlier") { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        var started = await Submissions.EnsureStartedAsync(record, CancellationToken.None);

        Assert.False(started);
        phones.Verify(p => p.AddReferralAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task EnsureStartedAsync_NoInstance_IndexesThePhoneThenStarts()
    {
        var record = Earlier();
        var order = new List<string>();
        workflow.Setup(d => d.GetInstanceAsync("ref-earlier", It.IsAny<CancellationToken>())).Callback(() => order.Add("look")).ReturnsAsync((OrchestrationMetadata?)null);
        phones.Setup(p => p.AddReferralAsync("+16175550143", "ref-earlier", It.IsAny<CancellationToken>())).Callback(() => order.Add("index")).Returns(Task.CompletedTask);
        workflow.Setup(d => d.StartReferralAsync("ref-earlier", It.IsAny<ReferralWorkflowInput>(), It.IsAny<CancellationToken>())).Callback(() => order.Add("start")).Returns(Task.CompletedTask);

        var started = await Submissions.EnsureStartedAsync(record, CancellationToken.None);

        Assert.True(started);
        Assert.Equal(["look", "index", "start"], order);
    }

    private ReferralRecord Earlier() => new("ref-earlier", "harbor", new ReferralNormalizer(new PhoneNumberNormalizer()).Normalize(Valid(), new DateOnly(2026, 11, 25)).Referral!,
        Stage.Received, 0, clock.GetUtcNow(), clock.GetUtcNow(), null);

    /// <summary>Keeps the work handed over after the answer, to run when the test says.</summary>
    private sealed class QueuedAfterAnswer : IAfterAnswerWork
    {
        private readonly List<(string ReferralId, Func<CancellationToken, Task> Work)> queued = [];

        public string[] ReferralIds => queued.Select(q => q.ReferralId).ToArray();

        public void Run(string referralId, Func<CancellationToken, Task> work) => queued.Add((referralId, work));

        public async Task RunAllAsync()
        {
            foreach (var (_, work) in queued)
            {
                await work(CancellationToken.None);
            }
        }
    }
}
