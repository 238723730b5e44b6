using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// The data lifecycle (section <c>Privacy</c>, app settings <c>Privacy__PurgeHistoryAfterDays</c> …); the reasoning behind
/// the defaults is in docs/privacy.md.
/// </summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Days after a referral closes before its orchestration history and instance rows are purged (default 30).</summary>
    [Range(1, 3650)]
    public int PurgeHistoryAfterDays { get; set; } = 30;

    /// <summary>Years after a closed referral's last activity before all of its rows are erased (default 7).</summary>
    [Range(1, 100)]
    public int RetentionYears { get; set; } = 7;

    /// <summary>The blob container that receives each day's audit entries (immutable in Azure: a time-based retention policy).</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string AuditArchiveContainer { get; set; } = "audit-archive";
}
