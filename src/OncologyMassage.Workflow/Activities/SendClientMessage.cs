using System.Globalization;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// Input of <see cref="SendClientMessage"/>. <see cref="Key"/> is the step's idempotency key (e.g. "intake:2");
/// <see cref="ExpectReply"/> marks the client's number as awaiting that kind of answer before the text goes out.
/// </summary>
public sealed record ClientMessage(string ReferralId, ClientMessageKind Kind, string Key, JourneyStep Step)
{
    public DateTimeOffset? LinkExpiresAt { get; init; }

    public IReadOnlyList<OfferedSlot> Slots { get; init; } = [];

    public DateTimeOffset? SessionStartsAt { get; init; }

    /// <summary>
    /// The session a booking confirmation or reminder is about: its calendar invite is keyed by it (docs/calendar.md). Null in
    /// messages scheduled before the invite existed; those go out without an invite or calendar link.
    /// </summary>
    public int? SessionNumber { get; init; }

    /// <summary>
    /// The booking's revision a confirmation is about: 0 when first booked, one more per reschedule. Above 0 the confirmation
    /// says the session has moved, and its invite (same UID) carries the revision as SEQUENCE (docs/calendar.md).
    /// </summary>
    public int Revision { get; init; }

    public ReplyExpectation? ExpectReply { get; init; }

    public bool Reminder { get; init; }

    /// <summary>The follow-up this message asks (<c>FollowUps.Id</c>): its link, the number's wait and the answer are keyed by it.</summary>
    public string? FollowUpId { get; init; }
}

public enum ClientMessageKind
{
    IntakeInvitation,
    SlotOffer,
    BookingConfirmed,
    ConsentRequest,
    SessionReminder,
    FirstFollowUp,
    SurveyFollowUp,
    LastFollowUp,

    /// <summary>Sent at once, in quiet hours too: a form answer was an immediate red flag, so call the triage line now.</summary>
    UrgentAdvice,
}

/// <summary>How a client message went out: <see cref="Channel"/> is null when the client could not be reached at all.</summary>
public sealed record ClientDelivery(DispatchOutcome Outcome, ContactChannel? Channel);

/// <summary>
/// Texts or emails the client, once per key: by their preferred channel, by email when they opted out of texts, never with
/// anything about their health (templates in <see cref="MessageTemplates"/>). Records the send on the timeline.
/// A booking confirmation carries the session's calendar invite: attached to the email, or as a signed link in the text;
/// it and the reminder name the venue's phone and directions (<see cref="CalendarTemplates"/>).
/// </summary>
public sealed class SendClientMessage(
    ReferralContext referrals, IReferralStore store, IOptOutStore optOuts, IPhoneIndex phones, MessageDispatcher dispatcher, SignedLinks links,
    SessionInvites invites)
    : IActivity<ClientMessage, ClientDelivery>
{
    public async Task<ClientDelivery> RunAsync(ClientMessage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (record, venue) = await referrals.LoadAsync(input.ReferralId, cancellationToken);
        var client = record.Referral.Client;
        var venueName = ReferralContext.VenueName(record, venue);
        var zone = Find(client.TimeZone);
        var language = ClientLanguages.Resolve(client.PreferredLanguage);

        // The dispatcher checks the opt-out right before sending (and answers OptedOut, which falls back to email below),
        // so it is read here first only when the phone index must know of the wait before the text goes; then the
        // dispatcher is told so and does not read it again.
        var smsAllowed = input.Kind != ClientMessageKind.SurveyFollowUp
            && (client.PreferredContact == ContactChannel.Sms || string.IsNullOrEmpty(client.Email))
            && !string.IsNullOrEmpty(client.MobilePhone)
            && (input.ExpectReply is null || !await optOuts.IsOptedOutAsync(client.MobilePhone, cancellationToken));
        var key = $"{record.Id}:{input.Key}";

        ContactChannel? channel;
        DispatchOutcome outcome;
        if (smsAllowed)
        {
            if (input.ExpectReply is { } expecting)
            {
                await phones.SetAwaitingAsync(new AwaitingReply(client.MobilePhone, record.Id, expecting, input.Slots.Count, input.Step.At)
                {
                    FollowUpId = input.FollowUpId,
                    Language = language.Name,
                }, cancellationToken);
            }

            var body = Sms(input, language, venueName, venue, zone);
            outcome = await dispatcher.SendSmsAsync(new OutgoingSms(key, record.Id, client.MobilePhone, body), optOutJustRead: input.ExpectReply is not null, cancellationToken);
            channel = ContactChannel.Sms;
        }
        else
        {
            outcome = DispatchOutcome.OptedOut; // not by text: the email branch below takes it
            channel = null;
        }

        // Not by text (preference, or opted out of texts (checked again by the dispatcher at the moment of sending): email instead, where there is one.
        if (outcome == DispatchOutcome.OptedOut && !string.IsNullOrEmpty(client.Email))
        {
            var content = Email(input, language, venueName, venue, zone);
            outcome = await dispatcher.SendEmailAsync(new OutgoingEmail(key, record.Id, client.Email, content.Subject, content.TextBody)
            {
                Attachments = input is { Kind: ClientMessageKind.BookingConfirmed, SessionNumber: int session, SessionStartsAt: { } startsAt }
                    ? [SessionInvites.Attachment(invites.Create(record.Id, session, venue, venueName, client.TimeZone, startsAt, input.Step.At, client.Email, client.PreferredLanguage, input.Revision), InviteMethod.Request)]
                    : [],
            }, cancellationToken);
            channel = ContactChannel.Email;
        }
        else if (outcome == DispatchOutcome.OptedOut)
        {
            channel = null;
        }

        var what = Describe(input) + (channel switch
        {
            ContactChannel.Sms => " texted to the client",
            ContactChannel.Email => " emailed to the client",
            _ => ": not sent, the client has no usable channel (opted out of texts and no email)",
        });
        if (outcome == DispatchOutcome.Uncertain && channel is not null)
        {
            what += " (an earlier attempt was interrupted: being confirmed with the provider, resent only if it never went out)";
        }

        await store.AppendTimelineAsync(record.Id, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.MessageSent, input.Step.Stage, what), cancellationToken);
        return new ClientDelivery(outcome, channel);
    }

    private string Sms(ClientMessage input, CultureInfo language, string venueName, Venue? venue, TimeZoneInfo zone) => input.Kind switch
    {
        ClientMessageKind.BookingConfirmed when input is { SessionNumber: int session, SessionStartsAt: { } startsAt, Revision: > 0 } =>
            CalendarTemplates.SessionMovedSms(language, venueName, Local(startsAt, zone), invites.Link(input.ReferralId, session, startsAt, input.Revision), venue?.Phone, venue?.Directions),
        ClientMessageKind.BookingConfirmed when input is { SessionNumber: int session, SessionStartsAt: { } startsAt } =>
            CalendarTemplates.BookingConfirmedSms(language, venueName, Local(startsAt, zone), invites.Link(input.ReferralId, session, startsAt), venue?.Phone, venue?.Directions),
        ClientMessageKind.SessionReminder => CalendarTemplates.SessionReminderSms(language, venueName, Local(input.SessionStartsAt!.Value, zone), venue?.Phone, venue?.Directions),
        ClientMessageKind.IntakeInvitation => MessageTemplates.IntakeInvitationSms(language, venueName, Link(LinkPurposes.Intake, input), input.Reminder),
        ClientMessageKind.SlotOffer => MessageTemplates.SlotOfferSms(language, venueName, input.Slots.Select(s => Local(s.StartsAt, zone)).ToArray()),
        ClientMessageKind.BookingConfirmed => MessageTemplates.BookingConfirmedSms(language, venueName, Local(input.SessionStartsAt!.Value, zone)),
        ClientMessageKind.ConsentRequest => MessageTemplates.ConsentRequestSms(language, venueName, Link(LinkPurposes.Consent, input)),
        ClientMessageKind.FirstFollowUp => MessageTemplates.FollowUpSms(language, venueName, longTerm: false, FollowUpSession(input)),
        ClientMessageKind.LastFollowUp => MessageTemplates.FollowUpSms(language, venueName, longTerm: true, FollowUpSession(input)),
        ClientMessageKind.UrgentAdvice => MessageTemplates.UrgentAdviceSms(language, venueName),
        _ => throw new InvalidOperationException($"{input.Kind} is not sent by text."),
    };

    private EmailContent Email(ClientMessage input, CultureInfo language, string venueName, Venue? venue, TimeZoneInfo zone) => input.Kind switch
    {
        ClientMessageKind.BookingConfirmed when input.Revision > 0 =>
            CalendarTemplates.SessionMovedEmail(language, venueName, Local(input.SessionStartsAt!.Value, zone), venue?.Phone, venue?.Directions),
        ClientMessageKind.BookingConfirmed => CalendarTemplates.BookingConfirmedEmail(language, venueName, Local(input.SessionStartsAt!.Value, zone), venue?.Phone, venue?.Directions),
        ClientMessageKind.SessionReminder => CalendarTemplates.SessionReminderEmail(language, venueName, Local(input.SessionStartsAt!.Value, zone), venue?.Phone, venue?.Directions),
        ClientMessageKind.IntakeInvitation => MessageTemplates.IntakeInvitationEmail(language, venueName, Link(LinkPurposes.Intake, input), input.Reminder),
        ClientMessageKind.SlotOffer => MessageTemplates.SlotOfferEmail(language, venueName, input.Slots.Select(s => Local(s.StartsAt, zone)).ToArray()),
        ClientMessageKind.ConsentRequest => MessageTemplates.ConsentRequestEmail(language, venueName, Link(LinkPurposes.Consent, input)),
        ClientMessageKind.UrgentAdvice => MessageTemplates.UrgentAdviceEmail(language, venueName),
        // By email every follow-up is the short web survey (the same questions; replies are screened the same way), with a
        // link keyed to that follow-up of that session: its answer can only be filed there.
        _ => MessageTemplates.FollowUpSurveyEmail(language, venueName, Link(LinkPurposes.Survey, input, input.FollowUpId), FollowUpSession(input), input.Kind switch
        {
            ClientMessageKind.FirstFollowUp => 1,
            ClientMessageKind.SurveyFollowUp => 7,
            _ => 30,
        }),
    };

    private Uri Link(string purpose, ClientMessage input, string? subject = null) =>
        links.Create(purpose, input.ReferralId, input.LinkExpiresAt ?? input.Step.At.AddDays(14), subject);

    private static int FollowUpSession(ClientMessage input) =>
        FollowUps.TryParse(input.FollowUpId, out _, out var session) ? session
        : throw new InvalidOperationException($"A {input.Kind} message needs its follow-up id.");

    private static string Describe(ClientMessage input) => input.Kind switch
    {
        ClientMessageKind.IntakeInvitation => input.Reminder ? "Intake reminder" : "Intake form link",
        ClientMessageKind.SlotOffer => $"{input.Slots.Count} session slot(s) offered{(input.Reminder ? " again" : "")}",
        ClientMessageKind.BookingConfirmed when input.Revision > 0 => $"New time of the session (revision {input.Revision})",
        ClientMessageKind.BookingConfirmed => "Booking confirmation",
        ClientMessageKind.ConsentRequest => input.Reminder ? "Consent reminder" : "Consent form link",
        ClientMessageKind.SessionReminder => "Session reminder",
        ClientMessageKind.FirstFollowUp => "Follow-up (+24 h) question",
        ClientMessageKind.SurveyFollowUp => "Follow-up (+7 days) survey link",
        ClientMessageKind.UrgentAdvice => "Advice to call the triage line now",
        _ => "Follow-up (+30 days) question",
    };

    private static DateTimeOffset Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    private static TimeZoneInfo Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>A slot as offered to a client (its id re-derives it: therapist + start).</summary>
public sealed record OfferedSlot(string SlotId, string TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
