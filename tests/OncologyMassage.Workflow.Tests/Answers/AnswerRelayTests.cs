using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Answers;

public sealed class AnswerRelayTests
{
    private static readonly AnswerRef Answer = new("ref-1", AnswerKind.SmsReply, "SM1");
    private readonly RelayFixture stores = new();
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private ReplyRecord Record(string text) => new("ref-1", "SM1", ReplyChannel.Sms, text, clock.GetUtcNow());

    private Task<RelayOutcome> SubmitAsync(string text, Func<CancellationToken, Task<bool>>? store = null) =>
        stores.Relay(clock, workflow.Object).StoreAndRaiseAsync(Answer,
            async ct => await stores.Replies.GetAsync("ref-1", "SM1", ct) is not { } stored ? StoredAnswer.None
                : stored.Text == text ? StoredAnswer.Same : StoredAnswer.Different,
            store ?? (ct => stores.Replies.TryRecordAsync(Record(text), ct)), CancellationToken.None);

    private void RaiseSucceeds() => workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied,
        new ClientReply(clock.GetUtcNow(), ReplyChannel.Sms, "SM1"), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

    private void RaiseFails() => workflow.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
        .ThrowsAsync(new InvalidOperationException("engine unavailable"));

    [Fact]
    public async Task StoreAndRaiseAsync_NewAnswer_StoresRaisesTheIdOnlyEventAndRemovesThePendingRow()
    {
        RaiseSucceeds();

        var outcome = await SubmitAsync("pain 3");

        Assert.Equal(RelayOutcome.Stored, outcome);
        Assert.Single(stores.Replies.Rows);
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task StoreAndRaiseAsync_NewAnswerWithItsStoredEvent_RaisesItWithoutReadingTheAnswerBack()
    {
        RaiseSucceeds();
        var record = Record("pain 3");

        var outcome = await stores.Relay(clock, workflow.Object).StoreAndRaiseAsync(Answer,
            async ct => await stores.Replies.GetAsync("ref-1", "SM1", ct) is null ? StoredAnswer.None : StoredAnswer.Same,
            ct => stores.Replies.TryRecordAsync(record, ct), CancellationToken.None, StoredAnswers.Of(record));

        Assert.Equal((RelayOutcome.Stored, 1), (outcome, stores.Replies.Reads)); // the comparison's read only
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task StoreAndRaiseAsync_FirstLookGiven_DoesNotCompareBeforeStoring()
    {
        RaiseSucceeds();
        var record = Record("pain 3");
        var compared = 0;

        var outcome = await stores.Relay(clock, workflow.Object).StoreAndRaiseAsync(Answer,
            _ =>
            {
                compared++;
                return Task.FromResult(StoredAnswer.Different);
            },
            ct => stores.Replies.TryRecordAsync(record, ct), CancellationToken.None, StoredAnswers.Of(record), firstLook: StoredAnswer.None);

        Assert.Equal((RelayOutcome.Stored, 0), (outcome, compared));
        workflow.VerifyAll();
    }

    [Fact]
    public async Task StoreAndRaiseAsync_FirstLookNoneButAnotherAnswerStored_ComparesAndConflicts()
    {
        RaiseSucceeds();
        await SubmitAsync("pain 3");

        var outcome = await stores.Relay(clock, workflow.Object).StoreAndRaiseAsync(Answer,
            async ct => (await stores.Replies.GetAsync("ref-1", "SM1", ct))?.Text == "pain 9" ? StoredAnswer.Same : StoredAnswer.Different,
            ct => stores.Replies.TryRecordAsync(Record("pain 9"), ct), CancellationToken.None, firstLook: StoredAnswer.None);

        Assert.Equal(RelayOutcome.Conflict, outcome);
        Assert.Equal("pain 3", Assert.Single(stores.Replies.Rows).Value.Text);
    }

    [Fact]
    public async Task StoreAndRaiseAsync_FirstLookDifferent_ConflictsWithoutWriting()
    {
        var outcome = await stores.Relay(clock, workflow.Object).StoreAndRaiseAsync(Answer,
            _ => throw new InvalidOperationException("the first look was given"),
            _ => throw new InvalidOperationException("a conflict stores nothing"), CancellationToken.None, firstLook: StoredAnswer.Different);

        Assert.Equal(RelayOutcome.Conflict, outcome);
        Assert.Empty(stores.Pending.Rows);
    }

    [Fact]
    public async Task StoreAndRaiseAsync_StoredEventGivenButAnotherSubmitStoredFirst_ReadsTheStoredAnswer()
    {
        RaiseFails();
        await SubmitAsync("pain 3"); // stored, its event still pending
        RaiseSucceeds();
        var mine = Record("pain 3") with { ReceivedAt = clock.GetUtcNow().AddSeconds(5) };
        var compared = 0;

        var outcome = await stores.Relay(clock, workflow.Object).StoreAndRaiseAsync(Answer,
            _ => Task.FromResult(compared++ == 0 ? StoredAnswer.None : StoredAnswer.Same), // raced: nothing stored when this submit first compared
            ct => stores.Replies.TryRecordAsync(mine, ct), CancellationToken.None, StoredAnswers.Of(mine));

        Assert.Equal(RelayOutcome.Repeated, outcome);
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public void Of_EachKindOfStoredAnswer_IsTheEventTheSweepReadsBack()
    {
        var at = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.FromHours(2));
        var reply = new ReplyRecord("ref-1", "SM1", ReplyChannel.Sms, "pain 3", at) { FollowUpId = "sms24h-1" };

        var raised = StoredAnswers.Of(reply);

        Assert.Equal(WorkflowEvents.FollowUpAnswered, raised.Name);
        Assert.Equal(new ClientReply(at.ToUniversalTime(), ReplyChannel.Sms, "SM1") { FollowUpId = "sms24h-1" }, raised.Payload);
        Assert.Equal(TimeSpan.Zero, ((ClientReply)raised.Payload).ReceivedAt.Offset); // as Table Storage gives it back
    }

    [Fact]
    public async Task StoreAndRaiseAsync_RaiseFails_KeepsTheAnswerAndItsPendingRow()
    {
        RaiseFails();

        var outcome = await SubmitAsync("pain 3");

        Assert.Equal(RelayOutcome.Stored, outcome);
        Assert.Single(stores.Replies.Rows);
        Assert.Equal(Answer, Assert.Single(stores.Pending.Rows).Key);
    }

    [Fact]
    public async Task StoreAndRaiseAsync_HostDiesRightAfterStoring_LeavesThePendingRowForTheSweep()
    {
        var crash = await Assert.ThrowsAsync<IOException>(() => SubmitAsync("pain 3", async ct =>
        {
            await stores.Replies.TryRecordAsync(Record("pain 3"), ct);
            throw new IOException("host stopped");
        }));

        Assert.Equal("host stopped", crash.Message);
        Assert.Single(stores.Replies.Rows);
        Assert.Single(stores.Pending.Rows);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task StoreAndRaiseAsync_SameAnswerAfterDelivery_IsRepeatedAndRaisesNothing()
    {
        RaiseSucceeds();
        await SubmitAsync("pain 3");
        workflow.Invocations.Clear();

        var outcome = await SubmitAsync("pain 3");

        Assert.Equal(RelayOutcome.Repeated, outcome);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task StoreAndRaiseAsync_SameAnswerWhileItsEventIsPending_RaisesItNow()
    {
        RaiseFails();
        await SubmitAsync("pain 3");
        RaiseSucceeds();

        var outcome = await SubmitAsync("pain 3");

        Assert.Equal(RelayOutcome.Repeated, outcome);
        Assert.Empty(stores.Pending.Rows);
        Assert.Single(stores.Replies.Rows);
    }

    [Fact]
    public async Task StoreAndRaiseAsync_DifferentAnswer_ConflictsAndWritesNothing()
    {
        RaiseSucceeds();
        await SubmitAsync("pain 3");
        workflow.Invocations.Clear();

        var outcome = await SubmitAsync("pain 9");

        Assert.Equal(RelayOutcome.Conflict, outcome);
        Assert.Equal("pain 3", stores.Replies.Rows[("ref-1", "SM1")].Text);
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyNoOtherCalls();
    }
}
