using System.Globalization;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Answers;

/// <summary>The event (name and id-only payload) to raise for an answer.</summary>
public sealed record AnswerEvent(string Name, object Payload);

/// <summary>
/// Reads a stored answer back and derives the event its orchestration waits for, so the form handler, the SMS path and
/// the sweep raise exactly the same event from exactly what was stored. Null while the answer is not stored.
/// </summary>
public sealed class StoredAnswers(
    IReleaseStore releases, IIntakeStore intakes, IConsentStore consents, ISessionStore sessions, IReplyStore replies,
    IReferralStore referrals, IBookingStore bookings)
{
    /// <summary>Who moved a session, in an event read back from the booking (which does not keep it): the timeline's own line names the coordinator.</summary>
    public const string RescheduledByCoordinator = "a coordinator";

    public async Task<AnswerEvent?> EventForAsync(AnswerRef answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var id = answer.ReferralId;
        switch (answer.Kind)
        {
            case AnswerKind.Release:
                return await releases.GetAsync(id, cancellationToken) is { } release ? Of(release) : null;
            case AnswerKind.HoldAnswer:
                return await releases.GetAnswerAsync(id, answer.Key, cancellationToken) is { } hold ? Of(hold with { QuestionKey = answer.Key }) : null;
            case AnswerKind.Intake:
                return await intakes.GetAsync(id, cancellationToken) is { } intake ? Of(intake) : null;
            case AnswerKind.Consent:
                return await consents.GetAsync(id, cancellationToken) is { } consent ? Of(consent) : null;
            case AnswerKind.ConsentWithdrawal:
                return await consents.GetAsync(id, cancellationToken) is { WithdrawnAt: { } withdrawnAt }
                    ? new AnswerEvent(WorkflowEvents.ConsentWithdrawn, new ConsentWithdrawal(withdrawnAt))
                    : null;
            case AnswerKind.Survey:
                return await sessions.GetFollowUpAsync(id, answer.Key, cancellationToken) is { Replied: true } survey ? OfSurvey(survey) : null;
            case AnswerKind.SmsReply:
                // A text that answered a follow-up (the number's wait named it) is raised keyed with that follow-up's id.
                return await replies.GetAsync(id, answer.Key, cancellationToken) is { } reply ? Of(reply with { MessageId = answer.Key }) : null;
            case AnswerKind.Session:
                return int.TryParse(answer.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && await sessions.GetSessionAsync(id, number, cancellationToken) is { } session
                    ? Of(session)
                    : null;
            case AnswerKind.Reschedule:
                return await referrals.GetFactsAsync(id, cancellationToken) is { } referral
                    && await bookings.FindAsync(referral.Referral.VenueId, id, cancellationToken) is { } booking && booking.Slot.Id == answer.Key
                    ? OfReschedule(booking.Slot, RescheduledByCoordinator)
                    : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer), answer.Kind, "Unknown answer kind.");
        }
    }

    // The events of stored answers, one place for each kind: the relay raises an answer it has just stored from the record it
    // wrote (Of), the sweep and a repeated submit from the record read back (EventForAsync), and both are the same event.
    // Times are raised in UTC, as Table Storage gives them back.

    /// <summary>The event of a stored release decision, or of a hold answer (<see cref="ReleaseRecord.QuestionKey"/> set).</summary>
    public static AnswerEvent Of(ReleaseRecord release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new AnswerEvent(WorkflowEvents.ReleaseDecided, new ReleaseAnswered(release.Decision.Outcome, release.SignedAt.ToUniversalTime()) { QuestionKey = release.QuestionKey });
    }

    /// <summary>The event of a stored intake.</summary>
    public static AnswerEvent Of(IntakeRecord intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        return new AnswerEvent(WorkflowEvents.IntakeSubmitted, new FormSubmitted(intake.SubmittedAt.ToUniversalTime()));
    }

    /// <summary>The event of a stored consent signature.</summary>
    public static AnswerEvent Of(ConsentRecord consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new AnswerEvent(WorkflowEvents.ConsentSigned, new FormSubmitted(consent.SignedAt.ToUniversalTime()));
    }

    /// <summary>The event of a follow-up answered through the web survey (its id is the answer's key).</summary>
    public static AnswerEvent OfSurvey(FollowUpRecord survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return new AnswerEvent(WorkflowEvents.FollowUpAnswered,
            new ClientReply(survey.RecordedAt.ToUniversalTime(), ReplyChannel.Web, survey.FollowUpId) { FollowUpId = survey.FollowUpId });
    }

    /// <summary>The event of a session moved to <paramref name="slot"/> by <paramref name="by"/>.</summary>
    public static AnswerEvent OfReschedule(Domain.Venues.Slot slot, string by)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new AnswerEvent(WorkflowEvents.SessionRescheduled,
            new SessionRescheduled(slot.Id, slot.StartsAt.ToUniversalTime(), slot.EndsAt.ToUniversalTime(), slot.TherapistId, by));
    }

    /// <summary>The event of a recorded session.</summary>
    public static AnswerEvent Of(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new AnswerEvent(WorkflowEvents.SessionRecorded, new SessionRecorded(session.SessionNumber, session.RecordedAt.ToUniversalTime()));
    }

    /// <summary>The event of a stored text: keyed with the follow-up it answered when the number's wait named one.</summary>
    public static AnswerEvent Of(ReplyRecord reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new AnswerEvent(reply.FollowUpId is null ? WorkflowEvents.ClientReplied : WorkflowEvents.FollowUpAnswered,
            new ClientReply(reply.ReceivedAt.ToUniversalTime(), ReplyChannel.Sms, reply.MessageId) { FollowUpId = reply.FollowUpId });
    }
}
