using System.Globalization;
using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Scheduling;

/// <summary>
/// A booked session as a calendar invite (docs/calendar.md): the emailed attachment of the booking confirmation and of a
/// cancellation, and the signed link texted to clients, which serves the same invite. The UID names the referral and the
/// session number on this deployment's host, so every message about one session updates the same calendar entry; the
/// organizer is the app's sender address under the venue's name; the time zone is the venue's (the wall clock where the
/// session happens), else the client's.
/// </summary>
public sealed class SessionInvites(IOptions<LinkOptions> links, IOptions<EmailOptions> email, SignedLinks signedLinks)
{
    /// <summary>How long after its start a session's calendar link still opens (a client checking the address on the day).</summary>
    public static readonly TimeSpan LinkValidAfterStart = TimeSpan.FromDays(1);

    private const string SubjectPrefix = "session-";

    public SessionInvite Create(string referralId, int sessionNumber, Venue? venue, string venueName, string? clientTimeZone,
        DateTimeOffset startsAt, DateTimeOffset stamp, string? attendeeEmail, string? clientLanguage = null)
    {
        var language = ClientLanguages.Resolve(clientLanguage);
        var host = new Uri(links.Value.PublicBaseUrl).Host;
        var zone = new[] { venue?.TimeZone, clientTimeZone }.FirstOrDefault(VenueValidator.IsKnownTimeZone) ?? "Etc/UTC";
        return new SessionInvite(CalendarInvites.Uid(referralId, sessionNumber, host), Revision: 0, venueName, zone,
            startsAt, startsAt + (venue?.SessionLength ?? TimeSpan.FromMinutes(60)), stamp, email.Value.FromAddress)
        {
            Location = venue is null ? null : venue.Type == VenueType.InHome ? CalendarTemplates.InHomeLocation(language, venueName) : venue.AddressOrServiceArea,
            VenuePhone = venue?.Phone,
            Directions = venue?.Directions,
            AttendeeEmail = attendeeEmail,
            Language = language,
        };
    }

    /// <summary>The invite as an email attachment.</summary>
    public static EmailAttachment Attachment(SessionInvite invite, InviteMethod method) =>
        new(CalendarInvites.FileName(method), CalendarInvites.ContentType(method), CalendarInvites.Render(invite, method));

    /// <summary>The signed link that serves the invite of one booked session: bound to its number and start, valid until a day after it.</summary>
    public Uri Link(string referralId, int sessionNumber, DateTimeOffset startsAt) =>
        signedLinks.Create(LinkPurposes.Calendar, referralId, startsAt + LinkValidAfterStart,
            string.Create(CultureInfo.InvariantCulture, $"{SubjectPrefix}{sessionNumber}-{startsAt.UtcDateTime:yyyyMMddTHHmm}Z"));

    /// <summary>Reads a calendar link's subject back: the session number and its start; false for anything else.</summary>
    public static bool TryParseSubject(string? subject, out int sessionNumber, out DateTimeOffset startsAt)
    {
        sessionNumber = 0;
        startsAt = default;
        var parts = subject is not null && subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? subject[SubjectPrefix.Length..].Split('-') : [];
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out sessionNumber) && sessionNumber >= 1
            && DateTimeOffset.TryParseExact(parts[1], "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out startsAt);
    }
}
