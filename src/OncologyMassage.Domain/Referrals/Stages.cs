using System.Collections.Frozen;

namespace OncologyMassage.Domain.Referrals;

/// <summary>Stage rules as data: which moves are allowed, which stages are closed, and what happens next.</summary>
public static class Stages
{
    private static readonly Stage[] ClosedStages = [Stage.Completed, Stage.Declined, Stage.Expired, Stage.Cancelled, Stage.Withdrawn];

    private static readonly FrozenDictionary<Stage, Stage[]> Next = new Dictionary<Stage, Stage[]>
    {
        [Stage.Received] = [Stage.MdReleaseRequested],
        [Stage.MdReleaseRequested] = [Stage.IntakePending, Stage.NeedsMdInput, Stage.Declined, Stage.Expired],
        [Stage.NeedsMdInput] = [Stage.IntakePending, Stage.SchedulingPending, Stage.Declined, Stage.Expired],
        [Stage.IntakePending] = [Stage.SchedulingPending, Stage.NeedsMdInput, Stage.Expired],
        [Stage.SchedulingPending] = [Stage.ConsentPending, Stage.SessionScheduled, Stage.Expired],
        [Stage.ConsentPending] = [Stage.SessionScheduled, Stage.Expired],
        [Stage.SessionScheduled] = [Stage.SessionCompleted],
        [Stage.SessionCompleted] = [Stage.FollowUp, Stage.SchedulingPending],
        [Stage.FollowUp] = [Stage.SchedulingPending, Stage.SessionScheduled, Stage.CareTeamFeedback, Stage.NeedsMdInput],
        [Stage.CareTeamFeedback] = [Stage.Completed],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Stage, string> NextSteps = new Dictionary<Stage, string>
    {
        [Stage.Received] = "Requesting the oncologist's release",
        [Stage.MdReleaseRequested] = "Waiting for the oncologist's release decision",
        [Stage.NeedsMdInput] = "Waiting for the oncologist to answer a specific question",
        [Stage.IntakePending] = "Waiting for the client's intake form",
        [Stage.SchedulingPending] = "Waiting for the client to choose a session slot",
        [Stage.ConsentPending] = "Waiting for the client's informed consent",
        [Stage.SessionScheduled] = "Waiting for the therapist to record the session",
        [Stage.SessionCompleted] = "Scheduling follow-ups",
        [Stage.FollowUp] = "Waiting for follow-up replies",
        [Stage.CareTeamFeedback] = "Sending the outcome summary to the care team",
        [Stage.Completed] = "None: the referral is complete",
        [Stage.Declined] = "None: the oncologist declined the release",
        [Stage.Expired] = "None: the referral expired",
        [Stage.Cancelled] = "None: the referral was cancelled",
        [Stage.Withdrawn] = "None: the client withdrew consent",
    }.ToFrozenDictionary();

    public static bool IsClosed(this Stage stage) => ClosedStages.Contains(stage);

    private static readonly Stage[] AfterConsentAsked =
        [Stage.ConsentPending, Stage.SessionScheduled, Stage.SessionCompleted, Stage.FollowUp, Stage.SchedulingPending, Stage.NeedsMdInput];

    /// <summary>
    /// True when the workflow may move from <paramref name="from"/> to <paramref name="to"/>. Any open stage may be
    /// cancelled; consent can be withdrawn from the moment it is asked for until the journey closes.
    /// </summary>
    public static bool CanMove(Stage from, Stage to) =>
        !from.IsClosed() && (to == Stage.Cancelled
            || (to == Stage.Withdrawn && AfterConsentAsked.Contains(from))
            || (Next.TryGetValue(from, out var allowed) && allowed.Contains(to)));

    /// <summary>What the clinic is waiting for in this stage, in plain words for coordinators.</summary>
    public static string NextStep(this Stage stage) => NextSteps[stage];
}
