namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>A form was stored (intake, consent); the orchestration reads it from its store.</summary>
public sealed record FormSubmitted(DateTimeOffset At);

/// <summary>A slot a coordinator booked (already inserted in IBookingStore) or chose for the client.</summary>
public sealed record SlotChosen(string SlotId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TherapistId, string By);

/// <summary>
/// A client's answer. <see cref="MessageId"/> is the provider's id (Twilio MessageSid) or the web form's id, and makes
/// handling idempotent. <see cref="Text"/> is kept verbatim for the timeline when it does not parse.
/// </summary>
public sealed record ClientReply(string Text, DateTimeOffset ReceivedAt, ReplyChannel Channel, string MessageId);

public enum ReplyChannel
{
    Sms,
    Web,
}

public sealed record ConsentWithdrawal(DateTimeOffset At, string? Reason);

public sealed record SessionRecorded(int SessionNumber, DateTimeOffset At);

public sealed record CancelRequest(string By, string Reason, DateTimeOffset At);

public sealed record ResendRequest(string By, DateTimeOffset At);
