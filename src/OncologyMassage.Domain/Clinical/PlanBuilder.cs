namespace OncologyMassage.Domain.Clinical;

/// <summary>Collects the constraints and holds rules emit; the plan combines them (strictest wins).</summary>
public sealed class PlanBuilder
{
    private readonly List<PlanConstraint> constraints = [];
    private readonly List<PlanHold> holds = [];

    public IReadOnlyList<PlanConstraint> Constraints => constraints;

    public IReadOnlyList<PlanHold> Holds => holds;

    public PlanBuilder AvoidSite(BodySite? site, string text, Cause cause) =>
        Add(new PlanConstraint(ConstraintKind.AvoidSite, text, cause) { Site = site });

    public PlanBuilder Pressure(BodySite? site, int maxPressure, string text, Cause cause) =>
        Add(new PlanConstraint(ConstraintKind.Pressure, text, cause) { Site = site, MaxPressure = Math.Clamp(maxPressure, 0, 5) });

    public PlanBuilder AvoidPosition(Position position, string text, Cause cause) =>
        Add(new PlanConstraint(ConstraintKind.Position, text, cause) { AvoidPosition = position });

    public PlanBuilder SessionLength(int maxMinutes, string text, Cause cause) =>
        Add(new PlanConstraint(ConstraintKind.SessionLength, text, cause) { MaxMinutes = maxMinutes });

    public PlanBuilder Add(ConstraintKind kind, string text, Cause cause, BodySite? site = null) =>
        Add(new PlanConstraint(kind, text, cause) { Site = site });

    public PlanBuilder Add(PlanConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        constraints.Add(constraint);
        return this;
    }

    public PlanBuilder Hold(HoldKind kind, string reason, string questionForMd, Cause cause)
    {
        holds.Add(new PlanHold(kind, reason, questionForMd, cause));
        return this;
    }
}
