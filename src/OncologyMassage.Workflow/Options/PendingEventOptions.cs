using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// The pending-event sweep (section <c>PendingEvents</c>, app settings <c>PendingEvents__SettleAfter</c> …). It runs
/// every minute (a timer function in Azure, a background loop in the local host).
/// </summary>
public sealed class PendingEventOptions
{
    public const string SectionName = "PendingEvents";

    /// <summary>A row younger than this is left to the request that wrote it, which may still be raising (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A row whose answer was never stored (the submit failed before storing and the person was told so) is dropped
    /// after this long (default 1 h).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Sweeps that may fail to raise a stored answer before it is put on the referral's timeline for a coordinator and
    /// its row dropped (default 60, about an hour at one sweep a minute).
    /// </summary>
    [Range(1, 10000)]
    public int MaxAttempts { get; set; } = 60;
}
