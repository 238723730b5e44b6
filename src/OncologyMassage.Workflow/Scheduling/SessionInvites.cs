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
        DateTimeOffset startsAt, DateTimeOffset stamp, string? attendeeEmail, string? clientLanguage = null, int revision = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        var language = ClientLanguages.Resolve(clientLanguage);
        var host = new Uri(links.Value.PublicBaseUrl).Host;
        var zone = new[] { venue?.TimeZone, clientTimeZone }.FirstOrDefault(VenueValidator.IsKnownTimeZone) ?? "Etc/UTC";
        return new SessionInvite(CalendarInvites.Uid(referralId, sessionNumber, host), revision, venueName, zone,
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

    /// <summary>
    /// The signed link that serves the invite of one booked session: bound to its number, its start and the booking's
    /// revision (0 when first booked, one more per reschedule; written only when above 0, so the first link keeps its
    /// shape), valid until a day after the start.
    /// </summary>
    public Uri Link(string referralId, int sessionNumber, DateTimeOffset startsAt, int revision = 0) =>
        signedLinks.Create(LinkPurposes.Calendar, referralId, startsAt + LinkValidAfterStart,
            revision == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{SubjectPrefix}{sessionNumber}-{startsAt.UtcDateTime:yyyyMMddTHHmm}Z")
                : string.Create(CultureInfo.InvariantCulture, $"{SubjectPrefix}{sessionNumber}-{startsAt.UtcDateTime:yyyyMMddTHHmm}Z-{revision}"));

    /// <summary>
    /// The idempotency key of a booking confirmation (the outbox row's key after the referral id): <c>booked:{n}</c> when
    /// first booked, <c>booked:{n}:{revision}</c> after a reschedule, so each revision's confirmation is sent once and none
    /// swallows the next.
    /// </summary>
    public static string ConfirmationKey(int sessionNumber, int revision) =>
        revision == 0
            ? string.Create(CultureInfo.InvariantCulture, $"booked:{sessionNumber}")
            : string.Create(CultureInfo.InvariantCulture, $"booked:{sessionNumber}:{revision}");

    /// <summary>
    /// The newest booking confirmation among a referral's outbox rows that <paramref name="include"/> accepts: the highest
    /// session number, then the highest revision (one more per reschedule). Null when none was sent.
    /// </summary>
    public static BookingConfirmation? NewestConfirmation(string referralId, IEnumerable<OutboxRow> rows, Func<OutboxRow, bool> include)
    {
        ArgumentNullException.ThrowIfNull(referralId);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(include);
        BookingConfirmation? newest = null;
        foreach (var row in rows)
        {
            var key = row.IdempotencyKey.StartsWith(referralId + ":", StringComparison.Ordinal) ? row.IdempotencyKey[(referralId.Length + 1)..] : null;
            if (TryParseConfirmationKey(key, out var session, out var revision) && include(row)
                && (newest is null || session > newest.SessionNumber || (session == newest.SessionNumber && revision > newest.Revision)))
            {
                newest = new BookingConfirmation(row, session, revision);
            }
        }

        return newest;
    }

    /// <summary>Reads a confirmation's key back (<see cref="ConfirmationKey"/>); false for any other key.</summary>
    public static bool TryParseConfirmationKey(string? key, out int sessionNumber, out int revision)
    {
        sessionNumber = 0;
        revision = 0;
        var parts = key is not null && key.StartsWith("booked:", StringComparison.Ordinal) ? key["booked:".Length..].Split(':') : [];
        return parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out sessionNumber) && sessionNumber >= 1
            && (parts.Length == 1 || (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out revision) && revision >= 1));
    }

    /// <summary>Reads a calendar link's subject back: the session number and its start; false for anything else.</summary>
    public static bool TryParseSubject(string? subject, out int sessionNumber, out DateTimeOffset startsAt) =>
        TryParseSubject(subject, out sessionNumber, out startsAt, out _);

    /// <summary>Reads a calendar link's subject back: the session number, its start and the booking's revision; false for anything else.</summary>
    public static bool TryParseSubject(string? subject, out int sessionNumber, out DateTimeOffset startsAt, out int revision)
    {
        sessionNumber = 0;
        startsAt = default;
        revision = 0;
        var parts = subject is not null && subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? subject[SubjectPrefix.Length..].Split('-') : [];
        return parts.Length is 2 or 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out sessionNumber) && sessionNumber >= 1
            && DateTimeOffset.TryParseExact(parts[1], "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out startsAt)
            && (parts.Length == 2 || (int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out revision) && revision >= 1));
    }
}

/// <summary>A booking confirmation found in the outbox: its row, the session it confirms and the booking's revision.</summary>
public sealed record BookingConfirmation(OutboxRow Row, int SessionNumber, int Revision);
