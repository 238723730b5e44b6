namespace OncologyMassage.Domain.Clinical;

/// <summary>What a rule may read: every finding (some rows look at others, e.g. neutropenia with any fever), the options and the date.</summary>
public sealed record RuleContext(IReadOnlyList<Finding> Findings, ClinicalRuleOptions Options, DateOnly AsOf, ServiceType Service)
{
    public static Cause Sourced(Finding finding) => new(Require(finding).Describe(), RuleSource.Sourced, finding.Code);

    public static Cause Default(Finding finding) => new(Require(finding).Describe(), RuleSource.ClinicDefault, finding.Code);

    /// <summary>True when <paramref name="date"/> is unknown (assume the stricter case) or fewer than <paramref name="days"/> days ago.</summary>
    public bool WithinDays(DateOnly? date, int days) => date is null || AsOf.DayNumber - date.Value.DayNumber < days;

    public bool WithinMonths(DateOnly? date, int months) => date is null || date.Value.AddMonths(months) > AsOf;

    private static Finding Require(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding;
    }
}
