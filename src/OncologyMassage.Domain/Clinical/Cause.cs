namespace OncologyMassage.Domain.Clinical;

/// <summary>Why a constraint or hold is on the plan: the finding that caused it and the kind of rule.</summary>
/// <param name="Finding">The finding in plain words, e.g. "NODES_REMOVED (right upper quadrant)".</param>
/// <param name="Source">Sourced rule, clinic default or MD restriction.</param>
/// <param name="Code">The precaution code, when the cause is one.</param>
public sealed record Cause(string Finding, RuleSource Source, PrecautionCode? Code = null)
{
    /// <summary>"default rule", "sourced rule" or "MD restriction", as the plan shows it.</summary>
    public string SourceLabel => Source switch
    {
        RuleSource.ClinicDefault => "default rule",
        RuleSource.MdRestriction => "MD restriction",
        RuleSource.ClientReport => "client report",
        _ => "sourced rule",
    };
}
