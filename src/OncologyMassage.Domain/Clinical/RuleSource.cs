namespace OncologyMassage.Domain.Clinical;

/// <summary>Where a constraint comes from, shown on the plan next to its reason.</summary>
public enum RuleSource
{
    /// <summary>A rule from a published source (docs/clinical.md cites MacDonald, Walton, S4OM, OncoLink, MD Anderson, Roswell Park).</summary>
    Sourced,

    /// <summary>A value docs/clinical.md marks as a clinic default: common teaching, changeable in <see cref="ClinicalRuleOptions"/>.</summary>
    ClinicDefault,

    /// <summary>A restriction the physician wrote on the MD release.</summary>
    MdRestriction,

    /// <summary>Something the client reported on the intake (e.g. a position that hurts).</summary>
    ClientReport,
}
