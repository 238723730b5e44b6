using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// Every duration the workflow waits for. Bound from the <c>Workflow</c> section (app settings <c>Workflow__ReleaseExpiresAfter</c> …),
/// copied into each orchestration's input as <see cref="WorkflowTimings"/> so orchestrators never read configuration.
/// Tests shrink these to milliseconds and still run the real engine.
/// </summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>First reminder to the oncologist when the release is still undecided (clinic default: 2 days).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ReleaseReminderAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>When an undecided release closes the referral as Expired (clinic default: 14 days).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan ReleaseExpiresAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>First retry interval of a failed activity (storage or vendor hiccup); later retries back off exponentially.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ActivityRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    public WorkflowTimings ToTimings() => new(ReleaseReminderAfter, ReleaseExpiresAfter, ActivityRetryInterval);
}
