using System.Globalization;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Messages;

/// <summary>
/// The client-facing text of the booking messages that carry the venue's phone and directions, and of the calendar invite
/// (issue 17 item 4, docs/calendar.md), in the client's language from Languages/ClientMessages.resx and its translations.
/// Like every template they name the venue, the time, how to reach the venue and a link — never the client, their health,
/// or the kind of care: an invite can sit in a shared or synced calendar, so it says "Appointment at {venue}" and nothing
/// more.
/// </summary>
public static class CalendarTemplates
{
    /// <summary>The invite's SUMMARY: what a calendar shows in its grid.</summary>
    public static string InviteSummary(CultureInfo language, string venueName) => ClientText.Format(language, "Invite_Summary", venueName);

    /// <summary>The invite's DESCRIPTION: the venue's phone and directions, when it has them.</summary>
    public static string InviteDescription(CultureInfo language, string venueName, string? venuePhone, string? directions) =>
        string.Join("\n", new[] { InviteSummary(language, venueName) + ".", VenueDetails(language, venuePhone, directions) }.Where(l => l.Length > 0));

    /// <summary>The invite's LOCATION for an in-home service: the client's address is never written into the invite.</summary>
    public static string InHomeLocation(CultureInfo language, string venueName) => ClientText.Format(language, "Invite_InHomeLocation", venueName);

    /// <summary>How to reach the venue, one or two short sentences; empty when the venue has neither phone nor directions.</summary>
    public static string VenueDetails(CultureInfo language, string? venuePhone, string? directions) =>
        Join(
            string.IsNullOrWhiteSpace(venuePhone) ? "" : ClientText.Format(language, "Venue_Phone", venuePhone),
            string.IsNullOrWhiteSpace(directions) ? "" : ClientText.Format(language, "Venue_Directions", directions.Trim()));

    /// <summary>To the client by text: the slot is booked, with a link to add it to their calendar.</summary>
    public static string BookingConfirmedSms(CultureInfo language, string venueName, DateTimeOffset localStart, Uri calendarLink, string? venuePhone, string? directions)
    {
        ArgumentNullException.ThrowIfNull(calendarLink);
        return Join(
            ClientText.Format(language, "BookingConfirmedInvite_Sms", venueName, localStart, calendarLink),
            VenueDetails(language, venuePhone, directions),
            ClientText.Get(language, "OptOut_Sms"));
    }

    /// <summary>To the client by text the day before the session.</summary>
    public static string SessionReminderSms(CultureInfo language, string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => Join(
        ClientText.Format(language, "SessionReminderVenue_Sms", venueName, localStart),
        VenueDetails(language, venuePhone, directions),
        ClientText.Get(language, "OptOut_Sms"));

    /// <summary>To the client by email: the slot is booked; the calendar invite (.ics) is attached.</summary>
    public static EmailContent BookingConfirmedEmail(CultureInfo language, string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => new(
        Subject: ClientText.Format(language, "Session_EmailSubject", venueName),
        TextBody: ClientText.Format(language, "BookingConfirmedInvite_EmailBody", venueName, localStart, VenueDetails(language, venuePhone, directions)));

    /// <summary>To the client by email the day before the session.</summary>
    public static EmailContent SessionReminderEmail(CultureInfo language, string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => new(
        Subject: ClientText.Format(language, "Session_EmailSubject", venueName),
        TextBody: ClientText.Format(language, "SessionReminderVenue_EmailBody", venueName, localStart, VenueDetails(language, venuePhone, directions)));

    /// <summary>To the client by email when a booked session will not take place; the attached invite removes it from their calendar.</summary>
    public static EmailContent SessionCancelledEmail(CultureInfo language, string venueName, DateTimeOffset localStart, string? venuePhone) => new(
        Subject: ClientText.Format(language, "SessionCancelled_EmailSubject", venueName),
        TextBody: ClientText.Format(language, "SessionCancelled_EmailBody", venueName, localStart,
            string.IsNullOrWhiteSpace(venuePhone) ? ClientText.Get(language, "SessionCancelled_Contact") : ClientText.Format(language, "SessionCancelled_Call", venuePhone)));

    /// <summary>To the client by text when a coordinator moved the booked session: the new time and the link to the updated invite.</summary>
    public static string SessionMovedSms(CultureInfo language, string venueName, DateTimeOffset localStart, Uri calendarLink, string? venuePhone, string? directions)
    {
        ArgumentNullException.ThrowIfNull(calendarLink);
        return Join(
            ClientText.Format(language, "SessionMoved_Sms", venueName, localStart, calendarLink),
            VenueDetails(language, venuePhone, directions),
            ClientText.Get(language, "OptOut_Sms"));
    }

    /// <summary>To the client by email when a coordinator moved the booked session; the attached invite (same UID, higher SEQUENCE) moves the calendar entry.</summary>
    public static EmailContent SessionMovedEmail(CultureInfo language, string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => new(
        Subject: ClientText.Format(language, "SessionMoved_EmailSubject", venueName),
        TextBody: ClientText.Format(language, "SessionMoved_EmailBody", venueName, localStart, VenueDetails(language, venuePhone, directions)));

    /// <summary>To a texted client when a coordinator cancelled their booked session (their calendar link now serves the cancellation).</summary>
    public static string SessionCancelledSms(CultureInfo language, string venueName, DateTimeOffset localStart, string? venuePhone) => Join(
        ClientText.Format(language, "SessionCancelled_Sms", venueName, localStart,
            string.IsNullOrWhiteSpace(venuePhone) ? ClientText.Get(language, "SessionCancelled_Contact") : ClientText.Format(language, "SessionCancelled_Call", venuePhone)),
        ClientText.Get(language, "OptOut_Sms"));

    private static string Join(params string[] parts) => string.Join(" ", parts.Where(p => p.Length > 0));
}
