using System.ComponentModel.DataAnnotations;
using OncologyMassage.Domain.Venues;

namespace OncologyMassage.Workflow.Options;

/// <summary>How slots are offered to a client (section <c>Scheduling</c>, app settings <c>Scheduling__LeadTime</c> …).</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>The earliest slot starts this long after the offer, so the therapist can read the plan (default 24 h).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>No slot starts later than this after the offer (default 21 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "120.00:00:00")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(21);

    /// <summary>Slots offered at once; the client replies with their number (default 3).</summary>
    [Range(1, 9)]
    public int SlotsOffered { get; set; } = 3;

    public SlotRules ToRules() => new(LeadTime, Horizon, SlotsOffered);
}
