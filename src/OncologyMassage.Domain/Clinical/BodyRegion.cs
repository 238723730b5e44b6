namespace OncologyMassage.Domain.Clinical;

/// <summary>Body regions a plan limits or avoids (docs/clinical.md, "Sites and positions").</summary>
public enum BodyRegion
{
    WholeBody,
    HeadNeck,
    Chest,
    UpperBack,
    LowerBack,
    Abdomen,
    Arm,
    Hand,
    Leg,
    Foot,

    /// <summary>Upper trunk quadrant on one side: arm, hand, chest and upper back, front and back (axillary nodes drain it).</summary>
    UpperQuadrant,

    /// <summary>Lower trunk quadrant on one side: leg, foot, abdomen and lower back (inguinal nodes drain it).</summary>
    LowerQuadrant,
}
