namespace OncologyMassage.Workflow.Answers;

/// <summary>
/// Which stored answer an orchestration must hear about: the referral (= orchestration instance id), the kind of answer
/// and its key within the referral (the hold question's key, the follow-up id, the SMS message id, the session number; "" when there is one
/// answer of that kind per referral). Ids and enums only.
/// </summary>
public sealed record AnswerRef(string ReferralId, AnswerKind Kind, string Key)
{
    public static AnswerRef OnePer(string referralId, AnswerKind kind) => new(referralId, kind, "");
}

/// <summary>The answers people give that an orchestration waits for, each stored in its own table first.</summary>
public enum AnswerKind
{
    /// <summary>The MD release (IReleaseStore).</summary>
    Release,

    /// <summary>The oncologist's answer to a hold question (IReleaseStore, keyed by the question).</summary>
    HoldAnswer,

    /// <summary>The intake form (IIntakeStore).</summary>
    Intake,

    /// <summary>The consent signature (IConsentStore).</summary>
    Consent,

    /// <summary>The consent withdrawal (IConsentStore).</summary>
    ConsentWithdrawal,

    /// <summary>The web survey (ISessionStore follow-up, keyed by follow-up id).</summary>
    Survey,

    /// <summary>A text from the client (IReplyStore, keyed by provider message id).</summary>
    SmsReply,

    /// <summary>A session the therapist recorded (ISessionStore, keyed by session number).</summary>
    Session,

    /// <summary>
    /// A coordinator's move of the booked session (IBookingStore: the referral's current booking, keyed by the new slot's
    /// id): stored when the referral's booking is at that slot.
    /// </summary>
    Reschedule,
}

/// <summary>What is stored already under an answer's key, compared with the one being submitted.</summary>
public enum StoredAnswer
{
    None,

    /// <summary>The same answer (a repeated submit): answered again with success, never stored twice.</summary>
    Same,

    /// <summary>A different answer: the first one stands (409).</summary>
    Different,
}

/// <summary>How a submit ended.</summary>
public enum RelayOutcome
{
    /// <summary>Stored now; raised, or left for the sweep to raise.</summary>
    Stored,

    /// <summary>The same answer was stored before; it is (or will be) delivered once.</summary>
    Repeated,

    /// <summary>A different answer was stored before; nothing was written.</summary>
    Conflict,
}
