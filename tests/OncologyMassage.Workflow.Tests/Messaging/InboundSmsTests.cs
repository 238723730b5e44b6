using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Tests.Answers;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Messaging;

public sealed class InboundSmsTests
{
    private const string Phone = "+16175550143";
    private readonly Mock<IOptOutStore> optOuts = new(MockBehavior.Strict);
    private readonly Mock<IPhoneIndex> phones = new(MockBehavior.Strict);
    private readonly Mock<IReferralStore> referrals = new(MockBehavior.Strict);
    private readonly RelayFixture stores = new();
    private readonly Mock<DurableTaskClient> durable = new(MockBehavior.Strict, "test");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private InboundSms Handler => new(optOuts.Object, phones.Object, referrals.Object, stores.Replies, stores.Relay(clock), clock, NullLogger<InboundSms>.Instance);

    private void Awaiting(string referralId) => phones.Setup(p => p.FindAwaitingAsync(Phone, It.IsAny<CancellationToken>()))
        .ReturnsAsync(new AwaitingReply(Phone, referralId, ReplyExpectation.Rating, 0, clock.GetUtcNow().AddHours(-1)));

    [Fact]
    public async Task HandleAsync_Stop_OptsOutAndNotesEveryReferralOfTheNumber()
    {
        optOuts.Setup(o => o.OptOutAsync(Phone, clock.GetUtcNow(), "STOP", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync(["ref-1", "ref-2"]);
        referrals.Setup(r => r.AppendExternalTimelineAsync(It.IsAny<string>(), "SM1", clock.GetUtcNow(), TimelineKind.Note, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "stop"), durable.Object, CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.OptedOut, SmsAutoReplies.OptedOut), answer);
        referrals.Verify(r => r.AppendExternalTimelineAsync("ref-1", "SM1", It.IsAny<DateTimeOffset>(), TimelineKind.Note, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        referrals.Verify(r => r.AppendExternalTimelineAsync("ref-2", "SM1", It.IsAny<DateTimeOffset>(), TimelineKind.Note, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        durable.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_StopWhileAReplyIsAwaited_OptsOutInsteadOfRouting()
    {
        optOuts.Setup(o => o.OptOutAsync(Phone, It.IsAny<DateTimeOffset>(), "UNSUBSCRIBE", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Awaiting("ref-1");

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "Unsubscribe"), durable.Object, CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.OptedOut, answer.Outcome);
        phones.Verify(p => p.FindAwaitingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_Start_OptsBackIn()
    {
        optOuts.Setup(o => o.OptInAsync(Phone, clock.GetUtcNow(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "START"), durable.Object, CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.OptedIn, SmsAutoReplies.OptedIn), answer);
        optOuts.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_Help_AnswersWithoutWritingAnything()
    {
        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "help"), durable.Object, CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.Help, SmsAutoReplies.Help), answer);
        Assert.Contains("oncology team", answer.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_NothingAwaited_AnswersPolitelyAndRaisesNothing()
    {
        phones.Setup(p => p.FindAwaitingAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync((AwaitingReply?)null);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "7"), durable.Object, CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.NotExpected, SmsAutoReplies.NotExpected), answer);
        durable.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_AwaitedReply_StoresTheTextAndRaisesItsIdOnTheWaitingReferral()
    {
        Awaiting("ref-1");
        durable.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied,
                new ClientReply(clock.GetUtcNow(), ReplyChannel.Sms, "SM1"), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "pain 3 anxiety 2"), durable.Object, CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.Routed, SmsAutoReplies.Thanks), answer);
        Assert.Equal("pain 3 anxiety 2", stores.Replies.Rows[("ref-1", "SM1")].Text);
        Assert.Empty(stores.Pending.Rows);
        durable.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_ImmediateRedFlag_AnswersWithTheCallNowText()
    {
        Awaiting("ref-1");
        durable.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, It.IsAny<object?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "I have chest pain since last night"), durable.Object, CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Routed, answer.Outcome);
        Assert.Contains("emergency services now", answer.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SameMessageIdAgain_DoesNotRaiseAgain()
    {
        Awaiting("ref-1");
        await stores.Replies.TryRecordAsync(new ReplyRecord("ref-1", "SM1", ReplyChannel.Sms, "7", clock.GetUtcNow()), CancellationToken.None);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "7"), durable.Object, CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Duplicate, answer.Outcome);
        durable.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_RaiseFails_KeepsTheReplyStoredAndPendingAndThanksTheClient()
    {
        Awaiting("ref-1");
        durable.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("queue unavailable"));

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "7"), durable.Object, CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Routed, answer.Outcome);
        Assert.Equal("7", stores.Replies.Rows[("ref-1", "SM1")].Text);
        Assert.Equal(new AnswerRef("ref-1", AnswerKind.SmsReply, "SM1"), Assert.Single(stores.Pending.Rows).Key);
    }
}
