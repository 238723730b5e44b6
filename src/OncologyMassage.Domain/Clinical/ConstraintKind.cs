namespace OncologyMassage.Domain.Clinical;

/// <summary>What a constraint changes (docs/clinical.md's adaptation frame). Declared in the order the plan shows them: most important first.</summary>
public enum ConstraintKind
{
    /// <summary>No contact on a site (device, incision, stoma, field).</summary>
    AvoidSite,
    Pressure,
    Position,
    JointMovement,
    Technique,
    StrokeDirection,
    Products,
    SessionLength,
    Hygiene,

    /// <summary>Comfort measures: elevate, pad, head raised, slow changes, positions that may help.</summary>
    Comfort,
}
