using Ical.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Activities;

/// <summary>Closing a referral early withdraws the calendar invite the client was emailed (issue 17 item 4).</summary>
public sealed class CloseReferralTests
{
    private const string Id = "ref-1";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SessionAt = new(2026, 12, 9, 14, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Now);
    private readonly Mock<IBookingStore> bookings = new();
    private readonly Mock<IReferralStore> referrals = new();
    private readonly Mock<IPhoneIndex> phones = new();
    private readonly Mock<IVenueStore> venues = new();
    private readonly Mock<ISessionStore> sessions = new();
    private readonly Mock<IMessageOutbox> outbox = new();
    private readonly Mock<IEmailSender> email = new(MockBehavior.Strict);
    private readonly List<OutgoingEmail> sent = [];
    private readonly Mock<ISmsSender> sms = new(MockBehavior.Strict);
    private readonly List<OutgoingSms> texted = [];

    public CloseReferralTests()
    {
        referrals.Setup(r => r.GetAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync(ActivityTestData.Referral(Id, ContactChannel.Email, Stage.SessionScheduled, 5, Now));
        venues.Setup(v => v.GetAsync("harbor", It.IsAny<CancellationToken>())).ReturnsAsync(ActivityTestData.Harbor());
        bookings.Setup(b => b.FindAsync("harbor", Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Booking(new Slot("harbor", "maya", SessionAt, SessionAt.AddHours(1)), Id, Now.AddDays(-1)));
        sessions.Setup(s => s.ListSessionsAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        outbox.Setup(o => o.BeginAsync(It.IsAny<OutboxRow>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OutboxRow row, CancellationToken _) => new OutboxClaim(true, row));
        email.Setup(e => e.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>()))
            .Callback((OutgoingEmail m, CancellationToken _) => sent.Add(m)).ReturnsAsync("sg-1");
        sms.Setup(s => s.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()))
            .Callback((OutgoingSms m, CancellationToken _) => texted.Add(m)).ReturnsAsync("SM-1");
    }

    private CloseReferral Activity()
    {
        var dispatcher = new MessageDispatcher(outbox.Object, email.Object, sms.Object, Mock.Of<IOptOutStore>(), clock, NullLogger<MessageDispatcher>.Instance);
        var invites = ActivityTestData.Invites(ActivityTestData.Links(), clock);
        return new CloseReferral(bookings.Object, referrals.Object, phones.Object, venues.Object, sessions.Object, outbox.Object, dispatcher, invites, clock,
            NullLogger<CloseReferral>.Instance);
    }

    /// <summary>The outbox as SendClientMessage leaves it: the booking confirmation of <paramref name="session"/>, with or without an invite.</summary>
    private void Confirmed(int session, MessageChannel channel, bool withInvite, string? key = null) =>
        outbox.Setup(o => o.ListAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([
            new OutboxRow(Id, $"{Id}:{key ?? $"booked:{session}"}", channel, "ada@example.org", "Your session at Harbor Wellness", "...", OutboxStatus.Sent, Now.AddDays(-1), "sg-0", null)
            {
                Attachments = withInvite ? [new EmailAttachment("session.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR")] : [],
            },
        ]);

    [Fact]
    public async Task RunAsync_SessionAheadWhoseInviteWasEmailed_EmailsItsCancellationThenFreesTheSlot()
    {
        Confirmed(2, MessageChannel.Email, withInvite: true);

        await Activity().RunAsync(new ReferralClosing(Id, "harbor"), CancellationToken.None);

        var message = Assert.Single(sent);
        Assert.Equal(($"{Id}:booking-cancelled:2", "ada@example.org"), (message.IdempotencyKey, message.To));
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("text/calendar; method=CANCEL", attachment.ContentType);
        var calendar = Calendar.Load(attachment.Content)!;
        var session = Assert.Single(calendar.Events);
        Assert.Equal(("CANCEL", "session-2.ref-1@om.example", 1), (calendar.Method, session.Uid, session.Sequence));
        Assert.Equal(SessionAt.UtcDateTime, session.DtStart!.AsUtc);
        Assert.Contains("Wednesday December 9, 9:30 AM", message.TextBody, StringComparison.Ordinal);
        bookings.Verify(b => b.ReleaseAsync("harbor", Id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_ConfirmationWentByText_EmailsNothing()
    {
        Confirmed(1, MessageChannel.Sms, withInvite: false);

        await Activity().RunAsync(new ReferralClosing(Id, "harbor"), CancellationToken.None);

        Assert.Empty(sent);
        bookings.Verify(b => b.ReleaseAsync("harbor", Id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_SessionAlreadyRecorded_EmailsNothing()
    {
        Confirmed(1, MessageChannel.Email, withInvite: true);
        sessions.Setup(s => s.ListSessionsAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([
            new SessionRecord(Id, "harbor", 1, Now, "maya", 2, [], "Supine", new(pain: 3), new(pain: 1), null, null),
        ]);

        await Activity().RunAsync(new ReferralClosing(Id, "harbor"), CancellationToken.None);

        Assert.Empty(sent);
    }

    [Fact]
    public async Task RunAsync_SessionInThePast_EmailsNothing()
    {
        Confirmed(1, MessageChannel.Email, withInvite: true);
        clock.SetUtcNow(SessionAt.AddHours(2));

        await Activity().RunAsync(new ReferralClosing(Id, "harbor"), CancellationToken.None);

        Assert.Empty(sent);
    }

    [Fact]
    public async Task RunAsync_EmailProviderDown_StillFreesTheSlot()
    {
        Confirmed(1, MessageChannel.Email, withInvite: true);
        email.Setup(e => e.SendAsync(It.IsAny<OutgoingEmail>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new MessageDeliveryException("SendGrid", 503, null, "down"));

        await Activity().RunAsync(new ReferralClosing(Id, "harbor"), CancellationToken.None);

        bookings.Verify(b => b.ReleaseAsync("harbor", Id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_CoordinatorCancelledATextedClientsSessionAhead_TextsThatItIsCancelled()
    {
        Confirmed(1, MessageChannel.Sms, withInvite: false);

        await Activity().RunAsync(new ReferralClosing(Id, "harbor") { CancelledByCoordinator = true }, CancellationToken.None);

        var text = Assert.Single(texted);
        Assert.Equal(($"{Id}:booking-cancelled:1", "+16175550111"), (text.IdempotencyKey, text.To));
        Assert.Contains("Harbor Wellness: your session on Wednesday Dec 9, 9:30 AM is cancelled. Call +16175550123", text.Body, StringComparison.Ordinal);
        Assert.Empty(sent);
        bookings.Verify(b => b.ReleaseAsync("harbor", Id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_TextedClientWithdrewThemselves_TextsNothing()
    {
        Confirmed(1, MessageChannel.Sms, withInvite: false);

        await Activity().RunAsync(new ReferralClosing(Id, "harbor"), CancellationToken.None);

        Assert.Empty(texted);
    }

    [Fact]
    public async Task RunAsync_RescheduledSessionWhoseInviteWasEmailed_CancelsAboveTheNewestRevision()
    {
        outbox.Setup(o => o.ListAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([
            Row("booked:1"), Row("booked:1:1"), Row("booked:1:2"), Row("session-reminder:1:2"),
        ]);

        await Activity().RunAsync(new ReferralClosing(Id, "harbor") { CancelledByCoordinator = true }, CancellationToken.None);

        var message = Assert.Single(sent);
        var calendar = Calendar.Load(Assert.Single(message.Attachments).Content)!;
        Assert.Equal(("CANCEL", 3), (calendar.Method, Assert.Single(calendar.Events).Sequence));
        Assert.Empty(texted);

        static OutboxRow Row(string key) =>
            new(Id, $"{Id}:{key}", MessageChannel.Email, "ada@example.org", "Your session", "...", OutboxStatus.Sent, Now.AddDays(-1), "sg-0", null)
            {
                Attachments = key.StartsWith("booked", StringComparison.Ordinal) ? [new EmailAttachment("session.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR")] : [],
            };
    }
}
