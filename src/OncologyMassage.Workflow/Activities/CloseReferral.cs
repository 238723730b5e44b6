using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="CloseReferral"/>.</summary>
public sealed record ReferralClosing(string ReferralId, string VenueId)
{
    /// <summary>
    /// A coordinator cancelled the referral: a client whose booking confirmation was texted is texted that the session is
    /// cancelled. False for a withdrawal (the client did it and knows) and an expiry (nothing was booked).
    /// </summary>
    public bool CancelledByCoordinator { get; init; }
}

/// <summary>
/// When a journey ends early (cancelled, withdrawn, expired): frees its booked slot and stops routing texts to it. Idempotent.
/// A client whose booking confirmation came by email with a calendar invite, for a session still ahead, is sent the
/// cancellation of that invite (METHOD:CANCEL, same UID, SEQUENCE one above the newest revision) so it leaves their calendar;
/// the outbox key makes a retry send it once. A texted client's calendar link serves the cancellation from then on, and when
/// a coordinator cancelled (<see cref="ReferralClosing.CancelledByCoordinator"/>) they are texted that the session is
/// cancelled (docs/calendar.md).
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
                await WithdrawInviteAsync(referral, booking, input.CancelledByCoordinator, cancellationToken); // before the release: once released, nothing says which session to withdraw
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

    private async Task WithdrawInviteAsync(ReferralRecord referral, Booking booking, bool cancelledByCoordinator, CancellationToken cancellationToken)
    {
        var client = referral.Referral.Client;
        if (booking.Slot.StartsAt <= clock.GetUtcNow())
        {
            return;
        }

        // The newest confirmation of the newest booked session (the latest revision after reschedules) says how the client
        // learnt of the booking: by email with the invite, or by text with the calendar link.
        var newest = SessionInvites.NewestConfirmation(referral.Id, await outbox.ListAsync(referral.Id, cancellationToken),
            row => row.Channel == MessageChannel.Sms || row.Attachments.Count > 0);
        if (newest is null)
        {
            return;
        }

        var session = newest.SessionNumber;
        var byEmail = newest.Row.Channel == MessageChannel.Email;
        if ((byEmail ? string.IsNullOrEmpty(client.Email) : !cancelledByCoordinator || string.IsNullOrEmpty(client.MobilePhone))
            || (await sessions.ListSessionsAsync(referral.Id, cancellationToken)).Any(s => s.SessionNumber >= session))
        {
            return;
        }

        var venue = await venues.GetAsync(referral.Referral.VenueId, cancellationToken);
        var venueName = ReferralContext.VenueName(referral, venue);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(client.TimeZone ?? "", out var found) ? found : TimeZoneInfo.Utc;
        var invite = invites.Create(referral.Id, session, venue, venueName, client.TimeZone, booking.Slot.StartsAt, clock.GetUtcNow(),
            byEmail ? client.Email : null, client.PreferredLanguage, newest.Revision);
        var localStart = TimeZoneInfo.ConvertTime(booking.Slot.StartsAt, zone);
        var key = $"{referral.Id}:booking-cancelled:{session}";
        if (!byEmail)
        {
            // Sent at once, like the coordinator's cancellation itself; the dispatcher still refuses a number that opted out.
            await dispatcher.SendSmsAsync(new OutgoingSms(key, referral.Id, client.MobilePhone,
                CalendarTemplates.SessionCancelledSms(invite.Language, venueName, localStart, venue?.Phone)), cancellationToken);
            return;
        }

        var content = CalendarTemplates.SessionCancelledEmail(invite.Language, venueName, localStart, venue?.Phone);
        await dispatcher.SendEmailAsync(new OutgoingEmail(key, referral.Id, client.Email!, content.Subject, content.TextBody)
        {
            Attachments = [SessionInvites.Attachment(invite, InviteMethod.Cancel)],
        }, cancellationToken);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Referral {ReferralId}: the calendar cancellation could not be emailed ({Failure}); closing anyway")]
    private static partial void LogInviteNotWithdrawn(ILogger logger, string referralId, string failure);
}
