using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// A stored referral: the submission plus where it stands. <see cref="StageSequence"/> orders stage moves;
/// <see cref="PracticeId"/> is the referring practice, the only one that may read it.
/// </summary>
public sealed record ReferralRecord(
    string Id,
    string PracticeId,
    Referral Referral,
    Stage Stage,
    int StageSequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ClosedReason);

/// <summary>A move from one stage to the next, written to the referral row, the stage index and the timeline.</summary>
public sealed record StageChange(string ReferralId, string VenueId, Stage From, Stage To, int Sequence, DateTimeOffset At, string Detail);

/// <summary>One line of a referral's timeline. <see cref="Sequence"/> is unique per referral and makes writes idempotent.</summary>
public sealed record TimelineEntry(int Sequence, DateTimeOffset At, TimelineKind Kind, Stage Stage, string Detail);

public enum TimelineKind
{
    StageChanged,
    MessageSent,
    Decision,
    Note,

    /// <summary>A client's answer (SMS or web), verbatim when it did not parse.</summary>
    Reply,

    /// <summary>A reply screened as a red flag (same day or immediate); the coordinator was alerted.</summary>
    RedFlag,

    /// <summary>A message the provider could not deliver (invalid number, bounce).</summary>
    DeliveryFailed,

    /// <summary>Something a coordinator did (cancel, resend, book, record).</summary>
    CoordinatorAction,
}
