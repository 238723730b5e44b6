using Microsoft.Extensions.Time.Testing;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Tests.Scheduling;

public sealed class SessionInvitesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SessionAt = new(2026, 12, 9, 14, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);

    private SignedLinks Links()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new LinkOptions { PublicBaseUrl = "https://om.example/", SigningKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" });
        return new SignedLinks(options, clock);
    }

    private SessionInvites Invites() => new(
        Microsoft.Extensions.Options.Options.Create(new LinkOptions { PublicBaseUrl = "https://om.example/" }),
        Microsoft.Extensions.Options.Options.Create(new EmailOptions { FromAddress = "referrals@om.example" }), Links());

    private static Venue Venue(VenueType type) => new("harbor", "Harbor Wellness", type, "America/Chicago", "1 Harbor Way", "coordinator@harbor.example",
        new ConsentDocument("1", "Consent", "I consent."), []) { SessionLength = TimeSpan.FromMinutes(45), Phone = "+16175550123", Directions = "North door." };

    [Fact]
    public void Link_CheckedAsACalendarLink_NamesTheSessionAndItsStart()
    {
        var link = Invites().Link("ref-1", 2, SessionAt);

        var check = Links().Check(LinkPurposes.Calendar, link.Segments[^1]);

        Assert.StartsWith("https://om.example/api/calendar/", link.ToString(), StringComparison.Ordinal);
        Assert.Equal((LinkStatus.Valid, "ref-1"), (check.Status, check.ReferralId));
        Assert.True(SessionInvites.TryParseSubject(check.Subject, out var session, out var startsAt));
        Assert.Equal((2, SessionAt), (session, startsAt));
    }

    [Fact]
    public void Link_ADayAfterTheSessionStarts_IsExpired()
    {
        var token = Invites().Link("ref-1", 1, SessionAt).Segments[^1];
        clock.SetUtcNow(SessionAt + SessionInvites.LinkValidAfterStart);

        Assert.Equal(LinkStatus.Expired, Links().Check(LinkPurposes.Calendar, token).Status);
    }

    [Fact]
    public void Link_CheckedForAnotherPurpose_IsInvalid()
    {
        var token = Invites().Link("ref-1", 1, SessionAt).Segments[^1];

        Assert.Equal(LinkStatus.Invalid, Links().Check(LinkPurposes.Survey, token).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("survey-2")]
    [InlineData("session-0-20261209T1430Z")]
    [InlineData("session-x-20261209T1430Z")]
    [InlineData("session-2-2026-12-09")]
    [InlineData("session-2")]
    public void TryParseSubject_NotACalendarSubject_IsFalse(string? subject) =>
        Assert.False(SessionInvites.TryParseSubject(subject, out _, out _));

    [Fact]
    public void Create_VenueSession_UsesTheVenueZoneLengthAndDetails()
    {
        var invite = Invites().Create("ref-1", 2, Venue(VenueType.InfusionCenter), "Harbor Wellness", "America/New_York", SessionAt, Now, "ada@example.org");

        Assert.Equal(("session-2.ref-1@om.example", "America/Chicago", SessionAt.AddMinutes(45)), (invite.Uid, invite.TimeZone, invite.EndsAt));
        Assert.Equal(("1 Harbor Way", "+16175550123", "North door.", "referrals@om.example"), (invite.Location, invite.VenuePhone, invite.Directions, invite.OrganizerEmail));
    }

    [Fact]
    public void Create_InHomeVenue_LocationIsNeitherTheServiceAreaNorTheClientsAddress()
    {
        var invite = Invites().Create("ref-1", 1, Venue(VenueType.InHome), "Harbor Wellness", null, SessionAt, Now, null);

        Assert.Equal(CalendarTemplates.InHomeLocation(ClientLanguages.Default, "Harbor Wellness"), invite.Location);
    }

    [Fact]
    public void Create_NoVenueRow_FallsBackToTheClientZone()
    {
        var invite = Invites().Create("ref-1", 1, null, "harbor", "America/Denver", SessionAt, Now, null);

        Assert.Equal(("America/Denver", SessionAt.AddHours(1)), (invite.TimeZone, invite.EndsAt));
    }

    [Fact]
    public void Link_AfterAReschedule_CarriesTheRevisionAndTheFirstLinkReadsAsRevisionZero()
    {
        var first = Links().Check(LinkPurposes.Calendar, Invites().Link("ref-1", 2, SessionAt).Segments[^1]);
        var moved = Links().Check(LinkPurposes.Calendar, Invites().Link("ref-1", 2, SessionAt.AddDays(2), revision: 3).Segments[^1]);

        Assert.True(SessionInvites.TryParseSubject(first.Subject, out var s0, out var at0, out var rev0));
        Assert.True(SessionInvites.TryParseSubject(moved.Subject, out var s1, out var at1, out var rev1));
        Assert.Equal(((2, SessionAt, 0), (2, SessionAt.AddDays(2), 3)), ((s0, at0, rev0), (s1, at1, rev1)));
    }

    [Theory]
    [InlineData("session-1-20261209T1430Z-0")]
    [InlineData("session-1-20261209T1430Z-x")]
    [InlineData("session-1-20261209T1430Z-1-2")]
    public void TryParseSubject_BadRevision_IsFalse(string subject) =>
        Assert.False(SessionInvites.TryParseSubject(subject, out _, out _, out _));

    [Fact]
    public void Create_WithRevision_WritesItAsTheInviteSequence()
    {
        var invite = Invites().Create("ref-1", 1, Venue(VenueType.InfusionCenter), "Harbor Wellness", null, SessionAt, Now, null, revision: 2);

        Assert.Equal(2, invite.Revision);
        Assert.Contains("SEQUENCE:2", CalendarInvites.Render(invite, InviteMethod.Request), StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:3", CalendarInvites.Render(invite, InviteMethod.Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0, "booked:1")]
    [InlineData(2, 3, "booked:2:3")]
    public void ConfirmationKey_EachRevision_HasItsOwnKeyAndReadsBack(int session, int revision, string key)
    {
        Assert.Equal(key, SessionInvites.ConfirmationKey(session, revision));
        Assert.True(SessionInvites.TryParseConfirmationKey(key, out var s, out var r));
        Assert.Equal((session, revision), (s, r));
    }

    [Theory]
    [InlineData("booked:")]
    [InlineData("booked:1:0")]
    [InlineData("booking-cancelled:1")]
    [InlineData("session-reminder:1")]
    public void TryParseConfirmationKey_OtherKey_IsFalse(string key) =>
        Assert.False(SessionInvites.TryParseConfirmationKey(key, out _, out _));
}
