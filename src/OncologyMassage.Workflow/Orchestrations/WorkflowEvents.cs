namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Names of the external events a referral's orchestration (instance id = referral id) waits for, and who raises them.
/// Payloads are the records in WorkflowEventPayloads.cs; they carry ids, enums and times only, never a name, free text or
/// clinical content (that is stored in its table first and read by activities), because the task hub's History keeps
/// every payload. Forms and SMS replies are raised through <c>AnswerRelay</c>, which makes the raise durable.
/// </summary>
public static class WorkflowEvents
{
    /// <summary>The oncologist answered the release form or a hold question. Payload: <see cref="ReleaseAnswered"/> (the decision is in IReleaseStore).</summary>
    public const string ReleaseDecided = nameof(ReleaseDecided);

    /// <summary>The client submitted the intake form (stored in IIntakeStore first). Payload: <see cref="FormSubmitted"/>.</summary>
    public const string IntakeSubmitted = nameof(IntakeSubmitted);

    /// <summary>A coordinator booked a slot for the client. Payload: <see cref="SlotChosen"/>.</summary>
    public const string SlotChosen = nameof(SlotChosen);

    /// <summary>The client answered a question that is not a follow-up (a slot choice) by SMS (stored first; routed by the phone index). Payload: <see cref="ClientReply"/>.</summary>
    public const string ClientReplied = nameof(ClientReplied);

    /// <summary>
    /// The client answered a follow-up, by SMS (the phone index knew which follow-up the number was asked) or by its keyed
    /// web link. Payload: <see cref="ClientReply"/> with <see cref="ClientReply.FollowUpId"/> set: the orchestration fills
    /// only the follow-up it waits for with it; an answer to another one is handled as late, under its own key.
    /// </summary>
    public const string FollowUpAnswered = nameof(FollowUpAnswered);

    /// <summary>The client signed the consent form (stored in IConsentStore first). Payload: <see cref="FormSubmitted"/>.</summary>
    public const string ConsentSigned = nameof(ConsentSigned);

    /// <summary>The client withdrew consent. Payload: <see cref="ConsentWithdrawal"/>.</summary>
    public const string ConsentWithdrawn = nameof(ConsentWithdrawn);

    /// <summary>The therapist recorded a session (stored in ISessionStore first). Payload: <see cref="SessionRecorded"/>.</summary>
    public const string SessionRecorded = nameof(SessionRecorded);

    /// <summary>
    /// A coordinator moved the booked session to another slot (the new slot is already booked in IBookingStore and the old
    /// one released). Payload: <see cref="SessionRescheduled"/>. Heard from <see cref="WorkflowVersions.SessionsRescheduled"/> on.
    /// </summary>
    public const string SessionRescheduled = nameof(SessionRescheduled);

    /// <summary>A coordinator cancelled the referral. Payload: <see cref="CancelRequest"/>.</summary>
    public const string CancelRequested = nameof(CancelRequested);

    /// <summary>A coordinator asked to resend the pending release request now. Payload: <see cref="ResendRequest"/>.</summary>
    public const string ResendRequested = nameof(ResendRequested);
}
