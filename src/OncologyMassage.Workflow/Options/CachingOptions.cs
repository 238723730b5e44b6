using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// How long a host keeps what it read of data that rarely changes (section <c>Caching</c>, app settings
/// <c>Caching__PracticeKeysFor</c> …). Every request used to read the practice's key and every activity the referral's
/// venue from storage; a short expiry keeps those reads to one per host per period. Zero turns a cache off.
/// </summary>
public sealed class CachingOptions
{
    public const string SectionName = "Caching";

    /// <summary>
    /// How long a practice key that was found stays valid on this host without another read (default 30 s). A key revoked on
    /// another host (or by the admin command) is refused here at the latest this long after; a key revoked through this
    /// host's own store at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PracticeKeysFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a venue read stays in use on this host (default 30 s); a change made through this host's store is seen at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan VenuesFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a referral row this host read or wrote is remembered (default 30 s): a stage move writes from it under its
    /// ETag without reading it again (a row changed meanwhile makes the write fail and the move read it), and activities
    /// take the referral's unchanging facts (the referral as submitted) from it. Stages and flags are never answered from it.
    /// The audit keeps, for as long, the chain head it wrote last per partition (the next entry goes under its ETag) and the
    /// content key it encrypted a referral's page views with (TableAuditLog, AuditKeys), and the intakes and client replies
    /// (never changed once stored) that it stored or read, for the activities that follow them (WrittenOnceRecords).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReferralsFor { get; set; } = TimeSpan.FromSeconds(30);
}
