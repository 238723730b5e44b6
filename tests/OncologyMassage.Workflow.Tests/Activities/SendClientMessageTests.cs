using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Activities;

/// <summary>
/// A text to the client reads the number's opt-out once (issue 16 item 4b): a text that expects a reply reads it before
/// the phone index learns of the wait and tells the dispatcher so; any other text is checked by the dispatcher alone.
/// </summary>
public sealed class SendClientMessageTests
{
    private const string Id = "ref-1";
    private const string Phone = ActivityTestData.Phone;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Now);
    private readonly Mock<IReferralStore> referrals = new();
    private readonly Mock<IOptOutStore> optOuts = new();
    private readonly Mock<IPhoneIndex> phones = new();
    private readonly Mock<IMessageOutbox> outbox = new();
    private readonly Mock<IEmailSender> email = new(MockBehavior.Strict);
    private readonly Mock<ISmsSender> sms = new(MockBehavior.Strict);
    private readonly List<string> sent = [];

    public SendClientMessageTests()
    {
        referrals.Setup(r => r.GetFactsAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync(ActivityTestData.Referral(Id, ContactChannel.Sms, Stage.SessionCompleted, 9, Now));
        outbox.Setup(o => o.BeginAsync(It.IsAny<OutboxRow>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OutboxRow row, CancellationToken _) => new OutboxClaim(true, row));
        sms.Setup(s => s.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()))
            .Callback((OutgoingSms m, CancellationToken _) => sent.Add("sms " + m.To)).ReturnsAsync("SM-1");
        email.Setup(e => e.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>()))
            .Callback((OutgoingEmail m, CancellationToken _) => sent.Add("email " + m.To)).ReturnsAsync("sg-1");
    }

    private SendClientMessage Activity()
    {
        var venues = new Mock<IVenueStore>();
        venues.Setup(v => v.GetAsync("harbor", It.IsAny<CancellationToken>())).ReturnsAsync(ActivityTestData.Harbor());
        var links = new SignedLinks(ActivityTestData.Links(), clock);
        var dispatcher = new MessageDispatcher(outbox.Object, email.Object, sms.Object, optOuts.Object, clock, NullLogger<MessageDispatcher>.Instance);
        var invites = ActivityTestData.Invites(ActivityTestData.Links(), clock);
        return new SendClientMessage(new ReferralContext(referrals.Object, venues.Object), referrals.Object, optOuts.Object, phones.Object, dispatcher, links, invites);
    }

    private static ClientMessage FollowUp(ReplyExpectation? expecting) =>
        new(Id, ClientMessageKind.FirstFollowUp, "sms24h-1", new JourneyStep(12, Now, Stage.SessionCompleted))
        {
            ExpectReply = expecting,
            FollowUpId = "sms24h-1",
            SessionNumber = 1,
        };

    [Fact]
    public async Task RunAsync_TextExpectingAReply_ReadsTheOptOutOnceBeforeTheWaitAndTexts()
    {
        var delivery = await Activity().RunAsync(FollowUp(ReplyExpectation.Rating), CancellationToken.None);

        Assert.Equal((DispatchOutcome.Sent, ContactChannel.Sms), (delivery.Outcome, delivery.Channel));
        Assert.Equal([$"sms {Phone}"], sent);
        optOuts.Verify(o => o.IsOptedOutAsync(Phone, It.IsAny<CancellationToken>()), Times.Once);
        phones.Verify(p => p.SetAwaitingAsync(It.Is<AwaitingReply>(a => a.ReferralId == Id), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_TextExpectingNoReply_TheDispatcherReadsTheOptOutOnce()
    {
        var delivery = await Activity().RunAsync(FollowUp(expecting: null), CancellationToken.None);

        Assert.Equal((DispatchOutcome.Sent, ContactChannel.Sms), (delivery.Outcome, delivery.Channel));
        optOuts.Verify(o => o.IsOptedOutAsync(Phone, It.IsAny<CancellationToken>()), Times.Once);
        phones.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_OptedOutNumberExpectingAReply_EmailsWithoutWaitOrText()
    {
        optOuts.Setup(o => o.IsOptedOutAsync(Phone, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var delivery = await Activity().RunAsync(FollowUp(ReplyExpectation.Rating), CancellationToken.None);

        Assert.Equal((DispatchOutcome.Sent, ContactChannel.Email), (delivery.Outcome, delivery.Channel));
        Assert.Equal(["email ada@example.org"], sent);
        phones.VerifyNoOtherCalls();
    }
}
