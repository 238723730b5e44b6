namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>One row of docs/clinical.md's precautions table: the codes it covers and what it adds to a plan for one finding.</summary>
/// <param name="Codes">The codes of the row.</param>
/// <param name="Apply">Adds the row's constraints and holds for one finding.</param>
public sealed record PrecautionRule(IReadOnlyList<PrecautionCode> Codes, Action<Finding, RuleContext, PlanBuilder> Apply);
