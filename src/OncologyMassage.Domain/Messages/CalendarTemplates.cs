namespace OncologyMassage.Domain.Messages;

/// <summary>
/// The client-facing text of the booking messages that carry the venue's phone and directions, and of the calendar invite
/// (issue 17 item 4, docs/calendar.md). Kept apart from <see cref="MessageTemplates"/> and small, so they move into resource
/// files with the rest. Like every template they name the venue, the time, how to reach the venue and a link — never the
/// client, their health, or the kind of care: an invite can sit in a shared or synced calendar, so it says "Appointment at
/// {venue}" and nothing more.
/// </summary>
public static class CalendarTemplates
{
    /// <summary>The invite's SUMMARY: what a calendar shows in its grid.</summary>
    public static string InviteSummary(string venueName) => $"Appointment at {venueName}";

    /// <summary>The invite's DESCRIPTION: the venue's phone and directions, when it has them.</summary>
    public static string InviteDescription(string venueName, string? venuePhone, string? directions) =>
        string.Join("\n", new[] { InviteSummary(venueName) + ".", VenueDetails(venuePhone, directions) }.Where(l => l.Length > 0));

    /// <summary>The invite's LOCATION for an in-home service: the client's address is never written into the invite.</summary>
    public static string InHomeLocation(string venueName) => $"Your home ({venueName} comes to you)";

    /// <summary>How to reach the venue, one or two short sentences; empty when the venue has neither phone nor directions.</summary>
    public static string VenueDetails(string? venuePhone, string? directions) =>
        string.Join(" ", new[]
        {
            string.IsNullOrWhiteSpace(venuePhone) ? "" : $"Questions? Call {venuePhone}.",
            string.IsNullOrWhiteSpace(directions) ? "" : $"Directions: {directions.Trim()}",
        }.Where(p => p.Length > 0));

    /// <summary>To the client by text: the slot is booked, with a link to add it to their calendar.</summary>
    public static string BookingConfirmedSms(string venueName, DateTimeOffset localStart, Uri calendarLink, string? venuePhone, string? directions)
    {
        ArgumentNullException.ThrowIfNull(calendarLink);
        return Join(
            $"{venueName}: your session is booked for {localStart:dddd MMM d, h:mm tt}.",
            $"Add it to your calendar: {calendarLink}",
            VenueDetails(venuePhone, directions),
            "Reply STOP to opt out.");
    }

    /// <summary>To the client by text the day before the session.</summary>
    public static string SessionReminderSms(string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => Join(
        $"{venueName}: a reminder of your session on {localStart:dddd MMM d, h:mm tt}.",
        VenueDetails(venuePhone, directions),
        "Reply STOP to opt out.");

    /// <summary>To the client by email: the slot is booked; the calendar invite (.ics) is attached.</summary>
    public static EmailContent BookingConfirmedEmail(string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => new(
        Subject: $"Your session at {venueName}",
        TextBody: $"""
            Hello,

            Your session at {venueName} is booked for {localStart:dddd MMMM d, h:mm tt}.
            The calendar invitation is attached; open it to add the session to your calendar.
            {VenueDetails(venuePhone, directions)}

            {venueName}
            """);

    /// <summary>To the client by email the day before the session.</summary>
    public static EmailContent SessionReminderEmail(string venueName, DateTimeOffset localStart, string? venuePhone, string? directions) => new(
        Subject: $"Your session at {venueName}",
        TextBody: $"""
            Hello,

            A reminder of your session at {venueName} on {localStart:dddd MMMM d, h:mm tt}.
            {VenueDetails(venuePhone, directions)}

            {venueName}
            """);

    /// <summary>To the client by email when a booked session will not take place; the attached invite removes it from their calendar.</summary>
    public static EmailContent SessionCancelledEmail(string venueName, DateTimeOffset localStart, string? venuePhone) => new(
        Subject: $"Your session at {venueName} is cancelled",
        TextBody: $"""
            Hello,

            Your session at {venueName} on {localStart:dddd MMMM d, h:mm tt} will not take place.
            The attached calendar update removes it from your calendar. {(string.IsNullOrWhiteSpace(venuePhone) ? "Contact the venue with any question." : $"Call {venuePhone} with any question.")}

            {venueName}
            """);

    private static string Join(params string[] parts) => string.Join(" ", parts.Where(p => p.Length > 0));
}
