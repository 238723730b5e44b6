using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// How an open red flag escalates (docs/clinical.md, "Escalation"). Bound from the <c>Escalation</c> section (app settings
/// <c>Escalation__ImmediateAcknowledgeWithin</c> …) and copied into each escalation's input, so the orchestrator never
/// reads configuration. Same-day clocks count only business hours in the venue's time zone.
/// </summary>
public sealed class EscalationOptions
{
    public const string SectionName = "Escalation";

    private const string Min = "00:00:00.001";

    /// <summary>An immediate flag not acknowledged within this time goes to the venue's backup contact, then again after each such interval (default 15 minutes, wall clock).</summary>
    [Range(typeof(TimeSpan), Min, "1.00:00:00")]
    public TimeSpan ImmediateAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The same for a same-day flag, counted in business hours (default 4 hours).</summary>
    [Range(typeof(TimeSpan), Min, "7.00:00:00")]
    public TimeSpan SameDayAcknowledgeWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How many times an unacknowledged flag is escalated to the backup contact before the automatic reminders stop (the flag stays open on the dashboard). Default 4.</summary>
    [Range(1, 20)]
    public int MaxEscalations { get; set; } = 4;

    /// <summary>When business hours start each business day, in the venue's time zone (default 09:00).</summary>
    public TimeOnly BusinessDayStart { get; set; } = new(9, 0);

    /// <summary>When business hours end each business day, in the venue's time zone (default 17:00).</summary>
    public TimeOnly BusinessDayEnd { get; set; } = new(17, 0);

    /// <summary>
    /// The business days, comma-separated English day names (default "Monday,Tuesday,Wednesday,Thursday,Friday"). A string,
    /// not a list: configuration binding appends to a list's defaults, so a day could never be taken out.
    /// </summary>
    [RegularExpression(@"^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(\s*,\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*\s*$",
        ErrorMessage = "Escalation:BusinessDays must list English day names separated by commas, e.g. Monday,Tuesday,Wednesday,Thursday,Friday.")]
    public string BusinessDays { get; set; } = "Monday,Tuesday,Wednesday,Thursday,Friday";

    /// <summary>The parsed <see cref="BusinessDays"/>.</summary>
    public DayOfWeek[] BusinessDayList() =>
        [.. BusinessDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => Enum.Parse<DayOfWeek>(d)).Distinct()];

    /// <summary>How long the care-team link in the oncologist office's alert stays valid (default 30 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan OfficeLinkValidFor { get; set; } = TimeSpan.FromDays(30);
}
