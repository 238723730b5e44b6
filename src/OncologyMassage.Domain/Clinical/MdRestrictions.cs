namespace OncologyMassage.Domain.Clinical;

/// <summary>The "modify as follows" part of an MD release. Every field only adds limits: it can tighten a plan, never loosen it.</summary>
public sealed record MdRestrictions
{
    /// <summary>Whole-body Walton limit (0–5), if the physician gave one.</summary>
    public int? MaxPressure { get; init; }

    public IReadOnlyList<MdSiteRestriction> Sites { get; init; } = [];

    public IReadOnlyList<Position> AvoidPositions { get; init; } = [];

    public int? MaxSessionMinutes { get; init; }

    /// <summary>Conditions in the physician's words, shown on the plan as they were written.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];
}
