using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Answers;

public sealed class PendingEventSweepTests
{
    private static readonly AnswerRef Answer = new("ref-1", AnswerKind.SmsReply, "SM1");
    private readonly RelayFixture stores = new();
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private readonly Mock<IReferralStore> referrals = new(MockBehavior.Strict);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly PendingEventOptions options = new() { SettleAfter = TimeSpan.FromSeconds(30), AbandonAfter = TimeSpan.FromHours(1), MaxAttempts = 3 };

    private PendingEventSweep Sweep => new(stores.Pending, stores.Answers, stores.Relay(clock, workflow.Object), referrals.Object,
        Microsoft.Extensions.Options.Options.Create(options), clock, NullLogger<PendingEventSweep>.Instance);

    private async Task StoredAndPendingAsync()
    {
        await stores.Pending.SaveAsync(new PendingEvent(Answer, clock.GetUtcNow()), CancellationToken.None);
        await stores.Replies.TryRecordAsync(new ReplyRecord("ref-1", "SM1", ReplyChannel.Sms, "7", clock.GetUtcNow()), CancellationToken.None);
    }

    [Fact]
    public async Task SweepAsync_StoredAnswerStillPending_RaisesItAndRemovesTheRow()
    {
        await StoredAndPendingAsync();
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, new ClientReply(clock.GetUtcNow(), ReplyChannel.Sms, "SM1"), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
        clock.Advance(TimeSpan.FromMinutes(1));

        var raised = await Sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(1, raised);
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task SweepAsync_RowYoungerThanSettleAfter_LeavesItToItsRequest()
    {
        await StoredAndPendingAsync();
        clock.Advance(TimeSpan.FromSeconds(5));

        var raised = await Sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(0, raised);
        Assert.Single(stores.Pending.Rows);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SweepAsync_AnswerNeverStored_KeepsTheRowUntilAbandonAfterThenDropsIt()
    {
        await stores.Pending.SaveAsync(new PendingEvent(Answer, clock.GetUtcNow()), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Sweep.SweepAsync(CancellationToken.None);
        Assert.Single(stores.Pending.Rows);

        clock.Advance(TimeSpan.FromHours(1));
        await Sweep.SweepAsync(CancellationToken.None);

        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SweepAsync_RaiseKeepsFailing_PutsTheAnswerOnTheTimelineAfterMaxAttempts()
    {
        await StoredAndPendingAsync();
        workflow.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("instance not found"));
        referrals.Setup(r => r.AppendExternalTimelineAsync("ref-1", "pending:SmsReply:SM1", It.IsAny<DateTimeOffset>(), TimelineKind.Note,
            It.Is<string>(d => d.Contains("could not be handed to the workflow", StringComparison.Ordinal) && !d.Contains('7')), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
        clock.Advance(TimeSpan.FromMinutes(1));

        for (var sweep = 1; sweep <= options.MaxAttempts; sweep++)
        {
            Assert.Single(stores.Pending.Rows);
            await Sweep.SweepAsync(CancellationToken.None);
        }

        Assert.Empty(stores.Pending.Rows);
        referrals.VerifyAll();
    }
}
