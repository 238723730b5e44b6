namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// One line of an adaptation plan: which limit, where, and why (docs/clinical.md, "The adaptation frame": a plan never says just "be careful").
/// </summary>
/// <param name="Kind">What it changes.</param>
/// <param name="Text">The instruction in plain words, e.g. "No contact on the port or its dressing".</param>
/// <param name="Cause">The finding that caused it and whether it is sourced, a clinic default or an MD restriction.</param>
public sealed record PlanConstraint(ConstraintKind Kind, string Text, Cause Cause)
{
    /// <summary>Where it applies; null means the whole body.</summary>
    public BodySite? Site { get; init; }

    /// <summary>For <see cref="ConstraintKind.Pressure"/>: the highest Walton level allowed (0–5) at <see cref="Site"/>.</summary>
    public int? MaxPressure { get; init; }

    /// <summary>For <see cref="ConstraintKind.Position"/>: the position to avoid.</summary>
    public Position? AvoidPosition { get; init; }

    /// <summary>For <see cref="ConstraintKind.SessionLength"/>: the longest session in minutes.</summary>
    public int? MaxMinutes { get; init; }
}
