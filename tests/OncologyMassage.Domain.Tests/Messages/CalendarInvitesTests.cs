using Ical.Net;
using OncologyMassage.Domain.Messages;

namespace OncologyMassage.Domain.Tests.Messages;

/// <summary>The session invite as RFC 5545/5546 text: read back with Ical.Net's parser, not matched as strings alone.</summary>
public sealed class CalendarInvitesTests
{
    // 09:30 in Boston on a winter day (EST, UTC-5), and one in summer (EDT, UTC-4): the TZID must carry the wall clock.
    private static readonly DateTimeOffset Winter = new(2026, 12, 9, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2027, 7, 7, 13, 30, 0, TimeSpan.Zero);

    private static SessionInvite Invite(DateTimeOffset startsAt, int revision = 0) => new(
        CalendarInvites.Uid("ref-0123", 2, "om.example"), revision, "Harbor Wellness", "America/New_York",
        startsAt, startsAt.AddHours(1), new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), "referrals@om.example")
    {
        Location = "1 Harbor Way, Boston, MA 02110",
        VenuePhone = "+16175550123",
        Directions = "Enter by the north door; parking on level 2.",
        AttendeeEmail = "client@example.org",
    };

    private static Calendar Parse(string text) => Calendar.Load(text) ?? throw new InvalidOperationException("not a calendar");

    [Theory]
    [InlineData(false, 9)]
    [InlineData(true, 9)]
    public void Render_Request_WritesVenueWallClockWithTzidAndVTimeZone(bool summer, int localHour)
    {
        var startsAt = summer ? Summer : Winter;

        var text = CalendarInvites.Render(Invite(startsAt), InviteMethod.Request);
        var calendar = Parse(text);
        var session = Assert.Single(calendar.Events);

        Assert.Equal("America/New_York", session.DtStart!.TzId);
        Assert.Equal((localHour, 30), (session.DtStart.Hour, session.DtStart.Minute));
        Assert.Equal(startsAt.UtcDateTime, session.DtStart.AsUtc);
        Assert.Equal(startsAt.AddHours(1).UtcDateTime, session.DtEnd!.AsUtc);
        Assert.Equal("America/New_York", Assert.Single(calendar.TimeZones).TzId);
        Assert.Contains("DTSTART;TZID=America/New_York:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Request_IsMethodRequestConfirmedAtSequenceOfTheRevision()
    {
        var calendar = Parse(CalendarInvites.Render(Invite(Winter, revision: 2), InviteMethod.Request));
        var session = Assert.Single(calendar.Events);

        Assert.Equal(("REQUEST", "CONFIRMED", 2), (calendar.Method, session.Status, session.Sequence));
    }

    [Fact]
    public void Render_Cancel_IsMethodCancelCancelledWithTheSameUidAndTheSequenceBumped()
    {
        var invite = Invite(Winter, revision: 0);

        var request = Assert.Single(Parse(CalendarInvites.Render(invite, InviteMethod.Request)).Events);
        var cancelCalendar = Parse(CalendarInvites.Render(invite, InviteMethod.Cancel));
        var cancel = Assert.Single(cancelCalendar.Events);

        Assert.Equal(("CANCEL", "CANCELLED"), (cancelCalendar.Method, cancel.Status));
        Assert.Equal(request.Uid, cancel.Uid);
        Assert.True(cancel.Sequence > request.Sequence);
    }

    [Fact]
    public void Uid_SameSession_IsStableAndDiffersPerSession()
    {
        Assert.Equal(CalendarInvites.Uid("ref-0123", 2, "om.example"), CalendarInvites.Uid("ref-0123", 2, "om.example"));
        Assert.NotEqual(CalendarInvites.Uid("ref-0123", 2, "om.example"), CalendarInvites.Uid("ref-0123", 3, "om.example"));
        Assert.NotEqual(CalendarInvites.Uid("ref-0123", 2, "om.example"), CalendarInvites.Uid("ref-0124", 2, "om.example"));
    }

    [Fact]
    public void Render_SameInviteTwice_IsIdentical()
    {
        // A resent confirmation (or the texted link) must describe the same event, byte for byte.
        Assert.Equal(CalendarInvites.Render(Invite(Winter), InviteMethod.Request), CalendarInvites.Render(Invite(Winter), InviteMethod.Request));
    }

    [Fact]
    public void Render_SummaryAndDescription_SayOnlyAppointmentVenuePhoneAndDirections()
    {
        var session = Assert.Single(Parse(CalendarInvites.Render(Invite(Winter), InviteMethod.Request)).Events);

        Assert.Equal("Appointment at Harbor Wellness", session.Summary);
        Assert.Equal("Appointment at Harbor Wellness.\nQuestions? Call +16175550123. Directions: Enter by the north door; parking on level 2.", session.Description);
        Assert.Equal("1 Harbor Way, Boston, MA 02110", session.Location);
    }

    [Fact]
    public void Render_WithAttendee_NamesOrganizerAndAttendeeWithoutRsvp()
    {
        var session = Assert.Single(Parse(CalendarInvites.Render(Invite(Winter), InviteMethod.Request)).Events);

        Assert.Equal("mailto:referrals@om.example", session.Organizer!.Value!.ToString());
        var attendee = Assert.Single(session.Attendees);
        Assert.Equal("mailto:client@example.org", attendee.Value!.ToString());
        Assert.False(attendee.Rsvp);
    }

    [Fact]
    public void ContentType_NamesTheMethodWithoutCharset()
    {
        // SendGrid refuses an attachment type with a charset parameter.
        Assert.Equal("text/calendar; method=REQUEST", CalendarInvites.ContentType(InviteMethod.Request));
        Assert.Equal("text/calendar; method=CANCEL", CalendarInvites.ContentType(InviteMethod.Cancel));
    }
}
