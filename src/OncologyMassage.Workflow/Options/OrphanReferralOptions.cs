using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// The orphan-referral sweep (section <c>OrphanReferrals</c>, app settings <c>OrphanReferrals__SettleAfter</c> …): a
/// referral row still in <c>Received</c> with no orchestration instance gets its instance started. It runs every minute
/// (a timer function in Azure, a background loop in the local host).
/// </summary>
public sealed class OrphanReferralOptions
{
    public const string SectionName = "OrphanReferrals";

    /// <summary>
    /// A row younger than this is left to the request that wrote it, whose host starts its instance moments after the answer
    /// (default 10 s; decision 0010). With the sweep every 15 s, a referral whose start was lost waits at most about 25 s
    /// once a host runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettleAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far back the sweep looks (default 30 days). Referral ids are time-ordered, so the sweep reads only the referrals
    /// submitted in this window; a host down for longer than this would leave older orphans to a coordinator.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(30);
}
