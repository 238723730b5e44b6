using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Options;
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
    private readonly Mock<IReferralWorkflowClient> workflow = new(MockBehavior.Strict);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<IInboxStore> inbox = new(MockBehavior.Strict);
    private readonly Mock<IReferralFlags> flags = new(MockBehavior.Strict);
    private readonly Mock<IVenueStore> venues = new(MockBehavior.Strict);
    private readonly List<(string ReferralId, string Key, TimelineKind Kind, string Detail)> timeline = [];

    private InboundSms Handler => new(optOuts.Object, phones.Object, referrals.Object, stores.Replies, stores.Relay(clock, workflow.Object), Unexpected, clock, NullLogger<InboundSms>.Instance);

    private readonly Mock<IRedFlagStore> redFlagStore = new(MockBehavior.Strict);
    private readonly List<(string InstanceId, FlagEscalationInput Input)> escalations = [];

    private UnexpectedReplies Unexpected => new(phones.Object, referrals.Object, stores.Replies, inbox.Object,
        new RedFlags(redFlagStore.Object, referrals.Object, venues.Object, flags.Object, Microsoft.Extensions.Options.Options.Create(new EscalationOptions()), Microsoft.Extensions.Options.Options.Create(new WorkflowOptions()), workflow.Object, clock),
        NullLogger<UnexpectedReplies>.Instance);

    /// <summary>Every flag is new, and each escalation the flags start is kept (instance id and input).</summary>
    private void EscalationsStarted()
    {
        redFlagStore.Setup(r => r.TryOpenAsync(It.IsAny<RedFlagRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        workflow.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        workflow.Setup(d => d.StartFlagEscalationAsync(It.IsAny<string>(), It.IsAny<FlagEscalationInput>(), It.IsAny<CancellationToken>()))
            .Callback((string instanceId, FlagEscalationInput input, CancellationToken _) => escalations.Add((instanceId, input)))
            .Returns(Task.CompletedTask);
    }

    /// <summary>Nothing awaited; the number has these referrals (id and stage), each at venue "harbor" with a coordinator; timeline writes are kept.</summary>
    private void NotAwaiting(params (string Id, Stage Stage)[] ofNumber)
    {
        phones.Setup(p => p.FindAwaitingAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync((AwaitingReply?)null);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync(ofNumber.Select(r => r.Id).ToArray());
        foreach (var (id, stage) in ofNumber)
        {
            referrals.Setup(r => r.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(Referral(id, stage));
        }

        referrals.Setup(r => r.AppendExternalTimelineAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<TimelineKind>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, string key, DateTimeOffset _, TimelineKind kind, string detail, CancellationToken _) => timeline.Add((id, key, kind, detail)))
            .Returns(Task.CompletedTask);
        venues.Setup(v => v.GetAsync("harbor", It.IsAny<CancellationToken>())).ReturnsAsync(
            new Venue("harbor", "Harbor Infusion Center", VenueType.InfusionCenter, "UTC", "1 Test Street", "coordinator@harbor.example", new ConsentDocument("1", "Consent", "I consent."), []));
    }

    private static ReferralRecord Referral(string id, Stage stage) => new(id, "practice-1", new Referral(
        new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), Phone, "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), "harbor", ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [], []), null, 3), stage, 5, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    private void Awaiting(string referralId) => phones.Setup(p => p.FindAwaitingAsync(Phone, It.IsAny<CancellationToken>()))
        .ReturnsAsync(new AwaitingReply(Phone, referralId, ReplyExpectation.Rating, 0, clock.GetUtcNow().AddHours(-1)));

    [Fact]
    public async Task HandleAsync_Stop_OptsOutAndNotesEveryReferralOfTheNumber()
    {
        optOuts.Setup(o => o.OptOutAsync(Phone, clock.GetUtcNow(), "STOP", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync(["ref-1", "ref-2"]);
        referrals.Setup(r => r.AppendExternalTimelineAsync(It.IsAny<string>(), "SM1", clock.GetUtcNow(), TimelineKind.Note, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "stop"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.OptedOut, SmsAutoReplies.OptedOut), answer);
        referrals.Verify(r => r.AppendExternalTimelineAsync("ref-1", "SM1", It.IsAny<DateTimeOffset>(), TimelineKind.Note, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        referrals.Verify(r => r.AppendExternalTimelineAsync("ref-2", "SM1", It.IsAny<DateTimeOffset>(), TimelineKind.Note, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_StopWhileAReplyIsAwaited_OptsOutInsteadOfRouting()
    {
        optOuts.Setup(o => o.OptOutAsync(Phone, It.IsAny<DateTimeOffset>(), "UNSUBSCRIBE", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Awaiting("ref-1");

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "Unsubscribe"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.OptedOut, answer.Outcome);
        phones.Verify(p => p.FindAwaitingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_Start_OptsBackIn()
    {
        optOuts.Setup(o => o.OptInAsync(Phone, clock.GetUtcNow(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "START"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.OptedIn, SmsAutoReplies.OptedIn), answer);
        optOuts.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_Help_AnswersWithoutWritingAnything()
    {
        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "help"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.Help, SmsAutoReplies.Help), answer);
        Assert.Contains("oncology team", answer.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_NothingAwaitedTwoOpenReferralsAndAClosedOne_StoresItAndPutsItOnTheOpenTimelinesOnly()
    {
        NotAwaiting(("ref-1", Stage.FollowUp), ("ref-2", Stage.IntakePending), ("ref-old", Stage.Completed));

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "my shoulder is a bit stiff"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.NotExpected, SmsAutoReplies.NotExpected), answer);
        Assert.Equal(["ref-1", "ref-2"], stores.Replies.Rows.Keys.Select(k => k.Item1).Order().ToArray());
        Assert.All(stores.Replies.Rows.Values, r => Assert.Equal(("SM1", "my shoulder is a bit stiff"), (r.MessageId, r.Text)));
        Assert.Equal([("ref-1", "SM1", TimelineKind.Reply), ("ref-2", "SM1", TimelineKind.Reply)], timeline.Select(t => (t.ReferralId, t.Key, t.Kind)).ToArray());
        Assert.All(timeline, t => Assert.Contains("Unexpected message by text (no question was open; screened: no red flag)", t.Detail, StringComparison.Ordinal));
        workflow.VerifyNoOtherCalls(); // no orchestration hears of it: nothing of the text reaches an event
    }

    [Fact]
    public async Task HandleAsync_UnexpectedImmediateRedFlag_AnswersCallNowFlagsEachOpenReferralAndStartsItsEscalation()
    {
        NotAwaiting(("ref-1", Stage.FollowUp), ("ref-2", Stage.SessionScheduled));
        flags.Setup(f => f.SetFlagAsync(It.IsAny<string>(), ReferralFlagKind.RedFlagImmediate, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        EscalationsStarted();

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM9", Phone, "I have chest pain since last night"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.NotExpected, answer.Outcome);
        Assert.Contains("emergency services now", answer.Reply, StringComparison.Ordinal);
        flags.Verify(f => f.SetFlagAsync("ref-1", ReferralFlagKind.RedFlagImmediate, It.IsAny<CancellationToken>()), Times.Once);
        flags.Verify(f => f.SetFlagAsync("ref-2", ReferralFlagKind.RedFlagImmediate, It.IsAny<CancellationToken>()), Times.Once);
        // The same escalating flag a flagged reply opens (coordinator, office, backup until acknowledged), one per referral,
        // with ids and the level only: the orchestration's input never holds the text.
        Assert.Equal(["ref-1", "ref-2"], escalations.Select(e => e.Input.ReferralId).Order().ToArray());
        Assert.All(escalations, e => Assert.Equal(RedFlagLevel.Immediate, e.Input.Level));
        Assert.All(escalations, e => Assert.DoesNotContain("chest", System.Text.Json.JsonSerializer.Serialize(e.Input), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, timeline.Count(t => t.Kind == TimelineKind.RedFlag && t.Key == "SM9:red-flag"));
    }

    [Fact]
    public async Task HandleAsync_UnexpectedSameDayRedFlag_FlagsSameDayAndKeepsThePoliteAnswer()
    {
        NotAwaiting(("ref-1", Stage.FollowUp));
        flags.Setup(f => f.SetFlagAsync("ref-1", ReferralFlagKind.RedFlagSameDay, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        EscalationsStarted();

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM5", Phone, "my temp 37.6 today"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.NotExpected, SmsAutoReplies.NotExpected), answer);
        flags.VerifyAll();
        var escalation = Assert.Single(escalations);
        Assert.Equal(("ref-1", RedFlagLevel.SameDay), (escalation.Input.ReferralId, escalation.Input.Level));
    }

    [Fact]
    public async Task HandleAsync_UnknownNumber_GoesToTheInboxScreenedAndAnswersPolitely()
    {
        NotAwaiting();
        inbox.Setup(i => i.TryAddAsync(It.IsAny<InboxMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM2", Phone, "who is this? I have a rash"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.Inbox, SmsAutoReplies.NotExpected), answer);
        inbox.Verify(i => i.TryAddAsync(new InboxMessage("SM2", Phone, "who is this? I have a rash", RedFlagScreener.Screen("who is this? I have a rash").Level, clock.GetUtcNow()),
            It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(stores.Replies.Rows);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_OnlyClosedReferrals_GoesToTheInbox()
    {
        NotAwaiting(("ref-old", Stage.Withdrawn));
        inbox.Setup(i => i.TryAddAsync(It.IsAny<InboxMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM3", Phone, "hello again"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Inbox, answer.Outcome);
        Assert.Empty(timeline);
    }

    [Fact]
    public async Task HandleAsync_UnknownNumberImmediateRedFlag_StillGetsTheCallNowText()
    {
        NotAwaiting();
        inbox.Setup(i => i.TryAddAsync(It.Is<InboxMessage>(m => m.Level == RedFlagLevel.Immediate), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM4", Phone, "I can't breathe"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Inbox, answer.Outcome);
        Assert.Contains("emergency services now", answer.Reply, StringComparison.Ordinal);
        inbox.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_AwaitedReply_StoresTheTextAndRaisesItsIdOnTheWaitingReferral()
    {
        Awaiting("ref-1");
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied,
                new ClientReply(clock.GetUtcNow(), ReplyChannel.Sms, "SM1"), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "pain 3 anxiety 2"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.Routed, SmsAutoReplies.Thanks), answer);
        Assert.Equal("pain 3 anxiety 2", stores.Replies.Rows[("ref-1", "SM1")].Text);
        Assert.Empty(stores.Pending.Rows);
        workflow.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_AwaitedReply_ReadsTheReplyStoreOnlyToCheckForARedelivery()
    {
        Awaiting("ref-1");
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied,
                new ClientReply(clock.GetUtcNow(), ReplyChannel.Sms, "SM1"), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "pain 3 anxiety 2"), CancellationToken.None);

        Assert.Equal(1, stores.Replies.Reads); // the event is raised from the record just stored, not read back
        workflow.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_ImmediateRedFlag_AnswersWithTheCallNowText()
    {
        Awaiting("ref-1");
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "I have chest pain since last night"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Routed, answer.Outcome);
        Assert.Contains("emergency services now", answer.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SameMessageIdAgain_DoesNotRaiseAgain()
    {
        Awaiting("ref-1");
        await stores.Replies.TryRecordAsync(new ReplyRecord("ref-1", "SM1", ReplyChannel.Sms, "7", clock.GetUtcNow()), CancellationToken.None);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "7"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Duplicate, answer.Outcome);
        workflow.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_RaiseFails_KeepsTheReplyStoredAndPendingAndThanksTheClient()
    {
        Awaiting("ref-1");
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("queue unavailable"));

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "7"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Routed, answer.Outcome);
        Assert.Equal("7", stores.Replies.Rows[("ref-1", "SM1")].Text);
        Assert.Equal(new AnswerRef("ref-1", AnswerKind.SmsReply, "SM1"), Assert.Single(stores.Pending.Rows).Key);
    }

    [Fact]
    public async Task HandleAsync_SpanishStop_OptsOutAndConfirmsInSpanish()
    {
        optOuts.Setup(o => o.OptOutAsync(Phone, clock.GetUtcNow(), "PARAR", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        phones.Setup(p => p.ReferralsOfAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "Parar"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.OptedOut, AutoReplies.OptedOut(ClientLanguages.Resolve("es"))), answer);
        optOuts.VerifyAll();
    }

    [Fact]
    public async Task HandleAsync_SpanishHelp_AnswersInSpanish()
    {
        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "AYUDA"), CancellationToken.None);

        Assert.Equal(InboundSmsOutcome.Help, answer.Outcome);
        Assert.StartsWith("Este número envía mensajes", answer.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AwaitedReplyFromASpanishClient_ThanksInSpanish()
    {
        phones.Setup(p => p.FindAwaitingAsync(Phone, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AwaitingReply(Phone, "ref-1", ReplyExpectation.Rating, 0, clock.GetUtcNow().AddHours(-1)) { Language = "es-MX" });
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, It.IsAny<ClientReply>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "dolor 2 cansancio 3"), CancellationToken.None);

        Assert.Equal(new InboundSmsAnswer(InboundSmsOutcome.Routed, "Gracias, recibimos su respuesta."), answer);
    }

    [Fact]
    public async Task HandleAsync_SpanishClientImmediateRedFlag_GetsTheCallNowTextInSpanish()
    {
        phones.Setup(p => p.FindAwaitingAsync(Phone, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AwaitingReply(Phone, "ref-1", ReplyExpectation.Rating, 0, clock.GetUtcNow().AddHours(-1)) { Language = "es" });
        workflow.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.ClientReplied, It.IsAny<ClientReply>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var answer = await Handler.HandleAsync(new InboundSmsMessage("SM1", Phone, "me duele el pecho"), CancellationToken.None);

        Assert.StartsWith("Por favor llame ahora a la línea de triaje", answer.Reply, StringComparison.Ordinal);
    }
}
