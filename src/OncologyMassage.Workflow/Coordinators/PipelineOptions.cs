using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>
/// How long a referral is expected to stay in each stage (section <c>Pipeline</c>, e.g.
/// <c>Pipeline:ExpectedDurations:IntakePending=3.00:00:00</c>). A referral older than that in its stage is stuck, and the
/// pipeline shows by how much. Stages not listed are never stuck (closed stages, short automatic ones).
/// </summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    public const int DefaultPageSize = 50;

    /// <summary>Stuck counts are exact up to this many per stage, then shown as this number (the page stays cheap).</summary>
    public const int StuckCountCap = 100;

    public Dictionary<Stage, TimeSpan> ExpectedDurations { get; } = new()
    {
        [Stage.MdReleaseRequested] = TimeSpan.FromDays(3),
        [Stage.NeedsMdInput] = TimeSpan.FromDays(2),
        [Stage.IntakePending] = TimeSpan.FromDays(3),
        [Stage.SchedulingPending] = TimeSpan.FromDays(2),
        [Stage.ConsentPending] = TimeSpan.FromDays(2),
        [Stage.SessionScheduled] = TimeSpan.FromDays(14),
        [Stage.FollowUp] = TimeSpan.FromDays(35),
        [Stage.CareTeamFeedback] = TimeSpan.FromDays(1),
    };
}
