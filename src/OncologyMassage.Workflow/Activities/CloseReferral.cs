using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="CloseReferral"/>.</summary>
public sealed record ReferralClosing(string ReferralId, string VenueId);

/// <summary>
/// When a journey ends early (cancelled, withdrawn, expired): frees its booked slot and stops routing texts to it. Idempotent.
/// A client whose booking confirmation came by email with a calendar invite, for a session still ahead, is sent the
/// cancellation of that invite (METHOD:CANCEL, same UID, SEQUENCE bumped) so it leaves their calendar; the outbox key makes
/// a retry send it once. A texted client's calendar link serves the cancellation from then on (docs/calendar.md).
/// </summary>
public sealed partial class CloseReferral(
    IBookingStore bookings, IReferralStore store, IPhoneIndex phones, IVenueStore venues, ISessionStore sessions, IMessageOutbox outbox,
    MessageDispatcher dispatcher, SessionInvites invites, TimeProvider clock, ILogger<CloseReferral> logger) : IActivity<ReferralClosing, bool>
{
    public async Task<bool> RunAsync(ReferralClosing input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var referral = await store.GetAsync(input.ReferralId, cancellationToken);
        var booking = await bookings.FindAsync(input.VenueId, input.ReferralId, cancellationToken);
        if (referral is not null && booking is not null)
        {
            try
            {
                await WithdrawInviteAsync(referral, booking, cancellationToken); // before the release: once released, nothing says which session to withdraw
            }
            catch (MessageDeliveryException ex)
            {
                // Never let the email provider hold a cancellation open: the outbox row shows Failed on the dashboard.
                LogInviteNotWithdrawn(logger, referral.Id, ex.GetType().Name);
            }
        }

        await bookings.ReleaseAsync(input.VenueId, input.ReferralId, cancellationToken);
        if (referral is not null)
        {
            await phones.ClearAwaitingAsync(referral.Referral.Client.MobilePhone, input.ReferralId, cancellationToken);
        }

        return true;
    }

    private async Task WithdrawInviteAsync(ReferralRecord referral, Booking booking, CancellationToken cancellationToken)
    {
        var client = referral.Referral.Client;
        if (string.IsNullOrEmpty(client.Email) || booking.Slot.StartsAt <= clock.GetUtcNow())
        {
            return;
        }

        // The invite went out with the confirmation of the newest booked session, by email: cancel that one, unless it was given already.
        var confirmations = (await outbox.ListAsync(referral.Id, cancellationToken))
            .Where(r => r.Channel == MessageChannel.Email && r.Attachments.Count > 0)
            .Select(r => (Row: r, Session: SessionOf(referral.Id, r.IdempotencyKey)))
            .Where(c => c.Session > 0)
            .OrderByDescending(c => c.Session)
            .ToList();
        if (confirmations.Count == 0)
        {
            return;
        }

        var session = confirmations[0].Session;
        if ((await sessions.ListSessionsAsync(referral.Id, cancellationToken)).Any(s => s.SessionNumber >= session))
        {
            return;
        }

        var venue = await venues.GetAsync(referral.Referral.VenueId, cancellationToken);
        var venueName = ReferralContext.VenueName(referral, venue);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(client.TimeZone ?? "", out var found) ? found : TimeZoneInfo.Utc;
        var invite = invites.Create(referral.Id, session, venue, venueName, client.TimeZone, booking.Slot.StartsAt, clock.GetUtcNow(), client.Email, client.PreferredLanguage);
        var content = CalendarTemplates.SessionCancelledEmail(invite.Language, venueName, TimeZoneInfo.ConvertTime(booking.Slot.StartsAt, zone), venue?.Phone);
        await dispatcher.SendEmailAsync(new OutgoingEmail($"{referral.Id}:booking-cancelled:{session}", referral.Id, client.Email, content.Subject, content.TextBody)
        {
            Attachments = [SessionInvites.Attachment(invite, InviteMethod.Cancel)],
        }, cancellationToken);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Referral {ReferralId}: the calendar cancellation could not be emailed ({Failure}); closing anyway")]
    private static partial void LogInviteNotWithdrawn(ILogger logger, string referralId, string failure);

    /// <summary>The session number of a booking confirmation's outbox key (<c>{referral}:booked:{n}</c>); 0 for any other key.</summary>
    private static int SessionOf(string referralId, string idempotencyKey) =>
        idempotencyKey.StartsWith(referralId + ":booked:", StringComparison.Ordinal)
        && int.TryParse(idempotencyKey.AsSpan(referralId.Length + ":booked:".Length), out var n) ? n : 0;
}
