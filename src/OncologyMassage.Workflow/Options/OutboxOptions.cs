using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// Outbox reconciliation (section <c>Outbox</c>, app settings <c>Outbox__ReconcileAfter</c> …): a message whose outbox row
/// is still Pending this long after its last attempt, with no vendor report, is checked with the vendor and resent only
/// when the vendor does not have it.
/// </summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// How long a Pending row is left to the send that wrote it and to the vendor's reports (default 15 min). Longer than
    /// a send with its retries (<c>Messaging:TotalTimeout</c>) and than the vendors' usual report delay.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Rounds (checks or resends) before a message still unresolved is put on the referral's timeline for a coordinator (default 3).</summary>
    [Range(1, 20)]
    public int MaxReconciliations { get; set; } = 3;
}
