using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The calendar invite of one booked session, behind the signed link a texted client receives with the booking confirmation
/// (docs/calendar.md): the same <c>text/calendar</c> the emailed confirmation attaches. The link is bound to the session's
/// number, start and revision (one more per reschedule, the invite's SEQUENCE). While the referral's booking holds, the invite is METHOD:REQUEST for the booking as it now stands (a link
/// sent before a reschedule serves the new time at the newest revision, never a CANCEL that would remove the moved session,
/// since all revisions share one UID); once no booking holds (the referral was cancelled or withdrawn), the same UID comes
/// back as METHOD:CANCEL, so opening the link again takes it off the calendar. A session already given answers 410. Read-only, not single-use; expires a day after the session starts.
/// </summary>
public sealed class CalendarFunctions(
    SignedLinks links, FailedAuthenticationLimiter limiter, IReferralStore referrals, IVenueStore venues, IBookingStore bookings,
    ISessionStore sessions, IMessageOutbox outbox, SessionInvites invites, TimeProvider clock)
{
    [Function(nameof(GetSessionInvite))]
    [SignedLink]
    public async Task<IActionResult> GetSessionInvite(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SessionInvite)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, _, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Calendar, request, token, cancellationToken, openWhenClosed: true);
        if (refusal is not null)
        {
            return refusal;
        }

        PageLanguage.Use(referral!.Referral.Client.PreferredLanguage); // its refusals in the client's language (OpenAsync's own choice ends with it)
        if (!SessionInvites.TryParseSubject(links.Check(LinkPurposes.Calendar, token).Subject, out var session, out var startsAt, out var revision))
        {
            return await ClientLinkPages.RefuseLinkAsync(request, StatusCodes.Status404NotFound, "not-found", "Link_NotValid", "Link_NotValidDetail");
        }

        if ((await sessions.ListSessionsAsync(referral.Id, cancellationToken)).Any(s => s.SessionNumber >= session))
        {
            return await ClientLinkPages.RefuseLinkAsync(request, StatusCodes.Status410Gone, "session-given", "Link_SessionGiven", "Link_SessionGivenDetail");
        }

        var venue = await venues.GetAsync(referral.Referral.VenueId, cancellationToken);
        var booking = await bookings.FindAsync(referral.Referral.VenueId, referral.Id, cancellationToken);
        var open = !referral.Stage.IsClosed() && booking is not null;
        if (open && booking!.Slot.StartsAt != startsAt)
        {
            // Moved since this link was sent: every revision shares one UID, so a CANCEL here would take the moved session
            // off the calendar. An old link serves the booking as it now stands, at the newest revision confirmed to the client.
            var newest = SessionInvites.NewestConfirmation(referral.Id, await outbox.ListAsync(referral.Id, cancellationToken), row => true);
            startsAt = booking.Slot.StartsAt;
            revision = newest is not null && newest.SessionNumber == session ? Math.Max(revision, newest.Revision) : revision;
        }

        var method = open && booking!.Slot.StartsAt == startsAt ? InviteMethod.Request : InviteMethod.Cancel;
        var invite = invites.Create(referral.Id, session, venue, venue?.Name ?? referral.Referral.VenueId, referral.Referral.Client.TimeZone,
            startsAt, clock.GetUtcNow(), attendeeEmail: null, referral.Referral.Client.PreferredLanguage, revision);
        return new CalendarResult(CalendarInvites.Render(invite, method), CalendarInvites.FileName(method));
    }

    /// <summary>An iCalendar file, offered for download; never cached (the link's token is in the URL and the booking may change).</summary>
    private sealed class CalendarResult(string calendar, string fileName) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = CalendarInvites.MediaType + "; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(calendar), context.HttpContext.RequestAborted);
        }
    }
}
