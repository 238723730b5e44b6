using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Messages;

/// <summary>What an invite says: put on a calendar (<see cref="Request"/>) or taken off it (<see cref="Cancel"/>), RFC 5546 iTIP.</summary>
public enum InviteMethod
{
    Request,
    Cancel,
}

/// <summary>
/// One booked session as a calendar event. <see cref="Uid"/> is stable for the session (<see cref="CalendarInvites.Uid"/>), so a
/// later update or cancellation replaces the same entry; <see cref="Revision"/> is the booking's revision (0 when first booked,
/// one more per reschedule), written as SEQUENCE. Times are instants; the invite writes them in <see cref="TimeZone"/> (IANA)
/// with its VTIMEZONE.
/// </summary>
public sealed record SessionInvite(
    string Uid,
    int Revision,
    string VenueName,
    string TimeZone,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset Stamp,
    string OrganizerEmail)
{
    /// <summary>The venue's address; for an in-home service, <see cref="CalendarTemplates.InHomeLocation"/>.</summary>
    public string? Location { get; init; }

    public string? VenuePhone { get; init; }

    public string? Directions { get; init; }

    /// <summary>The client's language: the invite's title and description are written in it (English by default).</summary>
    public System.Globalization.CultureInfo Language { get; init; } = ClientLanguages.Default;

    /// <summary>The client's email when the invite is emailed (iTIP wants an attendee); null for a downloaded invite.</summary>
    public string? AttendeeEmail { get; init; }
}

/// <summary>
/// Renders a booked session as an iCalendar object (Ical.Net): one VEVENT with the venue's time zone as TZID and its
/// VTIMEZONE, SUMMARY and DESCRIPTION from <see cref="CalendarTemplates"/> (venue, phone, directions — no health
/// information), METHOD:REQUEST while booked and METHOD:CANCEL with STATUS:CANCELLED and the SEQUENCE bumped once it is not.
/// </summary>
public static class CalendarInvites
{
    public const string MediaType = "text/calendar";

    /// <summary>Says what made the file, not what it is about: no "oncology" in an invite (the PHI test checks the whole text).</summary>
    private const string ProductId = "-//om-referrals//session-invite//EN";

    /// <summary>The session's UID: the same for every message about that session of that referral, whatever its slot.</summary>
    public static string Uid(string referralId, int sessionNumber, string host) =>
        FormattableString.Invariant($"session-{sessionNumber}.{referralId}@{host}");

    /// <summary>
    /// The MIME type of an emailed invite, with the iTIP method mail clients look for. No charset parameter: SendGrid refuses
    /// an attachment type carrying one (sendgrid/sendgrid-nodejs#1313); the content is ASCII-safe UTF-8 either way.
    /// </summary>
    public static string ContentType(InviteMethod method) => $"{MediaType}; method={MethodName(method)}";

    /// <summary>The attachment's file name.</summary>
    public static string FileName(InviteMethod method) => method == InviteMethod.Cancel ? "session-cancelled.ics" : "session.ics";

    public static string Render(SessionInvite invite, InviteMethod method)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var calendar = new Calendar { ProductId = ProductId, Method = MethodName(method) };
        calendar.AddTimeZone(invite.TimeZone, invite.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(invite.TimeZone);
        var session = new CalendarEvent
        {
            Uid = invite.Uid,
            Sequence = method == InviteMethod.Cancel ? invite.Revision + 1 : invite.Revision,
            DtStamp = new CalDateTime(invite.Stamp.UtcDateTime, "UTC", true),
            DtStart = new CalDateTime(TimeZoneInfo.ConvertTime(invite.StartsAt, zone).DateTime, invite.TimeZone, true),
            DtEnd = new CalDateTime(TimeZoneInfo.ConvertTime(invite.EndsAt, zone).DateTime, invite.TimeZone, true),
            Summary = CalendarTemplates.InviteSummary(invite.Language, invite.VenueName),
            Description = CalendarTemplates.InviteDescription(invite.Language, invite.VenueName, invite.VenuePhone, invite.Directions),
            Location = invite.Location,
            Status = method == InviteMethod.Cancel ? "CANCELLED" : "CONFIRMED",
            Transparency = "OPAQUE",
            Organizer = new Organizer("mailto:" + invite.OrganizerEmail) { CommonName = invite.VenueName },
        };
        if (!string.IsNullOrEmpty(invite.AttendeeEmail))
        {
            session.Attendees.Add(new Attendee("mailto:" + invite.AttendeeEmail)
            {
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = method == InviteMethod.Cancel ? "DECLINED" : "NEEDS-ACTION",
                Rsvp = false,
            });
        }

        calendar.Events.Add(session);
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net rendered no calendar.");
    }

    private static string MethodName(InviteMethod method) => method == InviteMethod.Cancel ? "CANCEL" : "REQUEST";
}
