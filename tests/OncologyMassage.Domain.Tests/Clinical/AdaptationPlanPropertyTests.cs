using FsCheck.Xunit;
using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

/// <summary>Combining rules as properties: adding a finding never loosens a plan; MD restrictions only tighten.</summary>
[Properties(Arbitrary = [typeof(ClinicalGenerators)], MaxTest = 200)]
public sealed class AdaptationPlanPropertyTests
{
    private static readonly AdaptationEngine Engine = new();

    [Property]
    public bool Evaluate_AddingAFinding_NeverLoosensThePlan(FindingSet set, Finding extra)
    {
        var before = Engine.Evaluate(set.Findings, ClinicalGenerators.Today);

        var after = Engine.Evaluate(set.Findings.Append(extra), ClinicalGenerators.Today);

        return after.IsAtLeastAsStrictAs(before);
    }

    [Property]
    public bool TightenedBy_AnyTwoPlans_IsAtLeastAsStrictAsBoth(FindingSet inUse, FindingSet reaction)
    {
        var plan = Engine.Evaluate(inUse.Findings, ClinicalGenerators.Today);
        var added = Engine.Evaluate(reaction.Findings, ClinicalGenerators.Today);

        var tightened = plan.TightenedBy(added, "test");

        return tightened.IsAtLeastAsStrictAs(plan) && tightened.IsAtLeastAsStrictAs(added);
    }

    [Property]
    public bool Evaluate_FindingsInAnyOrder_GiveEquallyStrictPlans(FindingSet set)
    {
        var forward = Engine.Evaluate(set.Findings, ClinicalGenerators.Today);

        var reversed = Engine.Evaluate(set.Findings.Reverse(), ClinicalGenerators.Today);

        return forward.IsAtLeastAsStrictAs(reversed) && reversed.IsAtLeastAsStrictAs(forward);
    }

    [Property]
    public bool Evaluate_MdReleaseWithRestrictions_OnlyTightens(FindingSet set, RandomRestrictions restrictions)
    {
        var request = new PlanRequest(ServiceType.OncologyMassage, ClinicalGenerators.Today) { ReferralFindings = set.Findings };
        var withoutRestrictions = Engine.Evaluate(request with { Release = new MdRelease(MdReleaseDecision.NoContraindications) });

        var restricted = Engine.Evaluate(request with
        {
            Release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = restrictions.Restrictions },
        });

        return restricted.IsAtLeastAsStrictAs(withoutRestrictions)
            && (restrictions.Restrictions.MaxPressure is not { } max || restricted.MaxPressure <= max);
    }

    [Property]
    public bool Evaluate_AddingARestrictionSite_NeverLoosensThePlan(FindingSet set, RandomRestrictions restrictions, RandomRestrictions more)
    {
        var request = new PlanRequest(ServiceType.OncologyMassage, ClinicalGenerators.Today) { ReferralFindings = set.Findings };
        var fewer = Engine.Evaluate(request with { Release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = restrictions.Restrictions } });
        var combined = restrictions.Restrictions with
        {
            Sites = [.. restrictions.Restrictions.Sites, .. more.Restrictions.Sites],
            AvoidPositions = [.. restrictions.Restrictions.AvoidPositions, .. more.Restrictions.AvoidPositions],
        };

        var tighter = Engine.Evaluate(request with { Release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = combined } });

        return tighter.IsAtLeastAsStrictAs(fewer);
    }

    [Property]
    public bool Evaluate_EstheticsService_KeepsEveryHoldOfTheMassagePlan(FindingSet set)
    {
        var massage = Engine.Evaluate(set.Findings, ClinicalGenerators.Today);

        var esthetics = Engine.Evaluate(set.Findings, ClinicalGenerators.Today, ServiceType.EstheticianSkinCare);

        return massage.Holds.All(h => esthetics.Holds.Contains(h));
    }
}
