using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class AdaptationPlanTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly AdaptationEngine Engine = new();

    [Fact]
    public void Evaluate_SeveralPressureLimits_StrictestWins()
    {
        var plan = Engine.Evaluate([new Finding(PrecautionCode.Fatigue, Value: 6), new Finding(PrecautionCode.LowPlatelets, Value: 45_000)], Today);

        Assert.Equal(2, plan.MaxPressure);
    }

    [Fact]
    public void Evaluate_TwoSessionCaps_ShortestWins()
    {
        var release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = new MdRestrictions { MaxSessionMinutes = 30 } };

        var plan = Engine.Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { ReferralFindings = [new Finding(PrecautionCode.Fatigue, Value: 6)], Release = release });

        Assert.Equal(30, plan.MaxSessionMinutes);
    }

    [Fact]
    public void Evaluate_MdAllowsDeeperThanRules_RulesStillApply()
    {
        var release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = new MdRestrictions { MaxPressure = 4 } };

        var plan = Engine.Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { ReferralFindings = [new Finding(PrecautionCode.Anticoagulant)], Release = release });

        Assert.Equal(2, plan.MaxPressure);
    }

    [Fact]
    public void Evaluate_MdSiteRestrictionWithoutPressure_AvoidsTheSiteAsMdRestriction()
    {
        var leftArm = new BodySite(BodyRegion.Arm, BodySide.Left);
        var release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = new MdRestrictions { Sites = [new MdSiteRestriction(leftArm)] } };

        var plan = Engine.Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { Release = release });

        Assert.Contains(plan.Constraints, c => c.Kind == ConstraintKind.AvoidSite && c.Site == leftArm && c.Cause.Source == RuleSource.MdRestriction);
    }

    [Fact]
    public void Evaluate_ReleaseNotAdvisable_HoldsWithTheReason()
    {
        var release = new MdRelease(MdReleaseDecision.NotAdvisable) { Reason = "pending scans" };

        var plan = Engine.Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { Release = release });

        Assert.Contains("pending scans", Assert.Single(plan.Holds).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnlyMdRestrictions_BasisSaysFromMdReleaseRestrictionsOnly()
    {
        var release = new MdRelease(MdReleaseDecision.ModifyAsFollows) { Restrictions = new MdRestrictions { MaxPressure = 2 } };

        var plan = Engine.Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { Release = release });

        Assert.Contains("from the MD release restrictions only", plan.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoFindings_NoLimitsAndNoHolds()
    {
        var plan = Engine.Evaluate([], Today);

        Assert.Equal((5, false, 5), (plan.MaxPressure, plan.NeedsMdInput, plan.AllowedPositions.Count));
    }

    [Fact]
    public void IsAtLeastAsStrictAs_LooserPlan_IsFalse()
    {
        var strict = Engine.Evaluate([new Finding(PrecautionCode.LowPlatelets, Value: 30_000)], Today);
        var loose = Engine.Evaluate([], Today);

        Assert.False(loose.IsAtLeastAsStrictAs(strict));
    }

    [Fact]
    public void IsAtLeastAsStrictAs_PlanMissingAnAvoidedSite_IsFalse()
    {
        var port = Engine.Evaluate([new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Right))], Today);
        var otherSide = Engine.Evaluate([new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Left))], Today);

        Assert.False(otherSide.IsAtLeastAsStrictAs(port));
    }

    [Fact]
    public void Evaluate_EstheticsWithActiveRadiation_NoPeelsOrActivesAndSameHold()
    {
        var field = new Finding(PrecautionCode.RadiationActive, new BodySite(BodyRegion.HeadNeck), Signs: FindingSigns.WetOrPeelingSkin);

        var plan = Engine.Evaluate([field], Today, ServiceType.EstheticianSkinCare);

        Assert.Contains(plan.Constraints, c => c.Text == "No peels or actives during treatment");
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_MassageWithActiveRadiation_NoEstheticsProductLine()
    {
        var field = new Finding(PrecautionCode.RadiationActive, new BodySite(BodyRegion.HeadNeck));

        var plan = Engine.Evaluate([field], Today);

        Assert.DoesNotContain(plan.Constraints, c => c.Text == "No peels or actives during treatment");
    }
}
