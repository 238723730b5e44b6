namespace OncologyMassage.Domain.Referrals;

/// <summary>
/// The stages of a referral, spelled exactly as the API, the timeline and the console show them.
/// Order follows the clinic's best practice: MD release → intake → scheduling → consent → sessions → follow-up → feedback.
/// </summary>
public enum Stage
{
    /// <summary>Accepted over HTTP; the orchestration has not recorded its first move yet.</summary>
    Received,
    MdReleaseRequested,
    NeedsMdInput,
    IntakePending,
    SchedulingPending,
    ConsentPending,
    SessionScheduled,
    SessionCompleted,
    FollowUp,
    CareTeamFeedback,
    Completed,
    Declined,
    Expired,
    Cancelled,
    Withdrawn,
}
