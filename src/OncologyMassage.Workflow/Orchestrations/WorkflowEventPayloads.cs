namespace OncologyMassage.Workflow.Orchestrations;

// Every payload here ends up in the task hub's History table, which nobody can erase or audit row by row: ids, enums
// and times only. What a person wrote or chose is stored in its table first and read by the activity that needs it.

/// <summary>A form was stored (intake, consent); the orchestration reads it from its store.</summary>
public sealed record FormSubmitted(DateTimeOffset At);

/// <summary>
/// The oncologist answered the release form or a hold question. The decision itself (physician, restrictions, limits,
/// comments) is in IReleaseStore; the orchestration learns only the outcome and which answer it was
/// (<see cref="QuestionKey"/>: null for the release, the question's key for a hold question).
/// </summary>
public sealed record ReleaseAnswered(ReleaseOutcome Outcome, DateTimeOffset At)
{
    public string? QuestionKey { get; init; }
}

/// <summary>A slot a coordinator booked (already inserted in IBookingStore) or chose for the client.</summary>
public sealed record SlotChosen(string SlotId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TherapistId, string By);

/// <summary>
/// A client's answer, by reference. <see cref="MessageId"/> is the provider's id (Twilio MessageSid, whose text is in
/// IReplyStore) or the web survey's follow-up id (whose text is in the follow-up record); handling is idempotent on it.
/// <see cref="FollowUpId"/> names the follow-up it answers (<c>FollowUps.Id(kind, session)</c>), null for any other reply.
/// </summary>
public sealed record ClientReply(DateTimeOffset ReceivedAt, ReplyChannel Channel, string MessageId)
{
    public string? FollowUpId { get; init; }
}

public enum ReplyChannel
{
    Sms,
    Web,
}

/// <summary>The client withdrew consent; the reason, if given, is on the consent record.</summary>
public sealed record ConsentWithdrawal(DateTimeOffset At);

public sealed record SessionRecorded(int SessionNumber, DateTimeOffset At);

/// <summary>A coordinator (by id) moved the booked session to this slot (already booked; the old one released). The reason is on the timeline.</summary>
public sealed record SessionRescheduled(string SlotId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TherapistId, string By);

/// <summary>A coordinator (by id) cancelled the referral; the reason is on the referral's timeline.</summary>
public sealed record CancelRequest(string By, DateTimeOffset At);

public sealed record ResendRequest(string By, DateTimeOffset At);
