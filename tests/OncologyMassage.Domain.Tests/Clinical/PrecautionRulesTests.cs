using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Clinical.Rules;

namespace OncologyMassage.Domain.Tests.Clinical;

/// <summary>One example per row of docs/clinical.md's "Precautions → adaptations and holds" table, pinning its adaptation and its hold.</summary>
public sealed class PrecautionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly BodySite LeftChest = new(BodyRegion.Chest, BodySide.Left);
    private static readonly BodySite RightQuadrant = new(BodyRegion.UpperQuadrant, BodySide.Right);
    private static readonly BodySite LeftLeg = new(BodyRegion.Leg, BodySide.Left);

    private static AdaptationPlan Plan(params Finding[] findings) => new AdaptationEngine().Evaluate(findings, Today);

    private static bool Has(AdaptationPlan plan, ConstraintKind kind, string text, RuleSource? source = null) =>
        plan.Constraints.Any(c => c.Kind == kind && c.Text.Contains(text, StringComparison.OrdinalIgnoreCase) && (source is null || c.Cause.Source == source));

    [Fact]
    public void All_EveryPrecautionCode_HasExactlyOneRule()
    {
        var covered = PrecautionRules.All.SelectMany(r => r.Codes).ToArray();

        Assert.Equal(Enum.GetValues<PrecautionCode>().Order(), covered.Order());
    }

    [Theory]
    [InlineData(PrecautionCode.Port)]
    [InlineData(PrecautionCode.CentralLine)]
    public void Evaluate_PortOnLeftChest_NoContactPressure2AroundAndNoProne(PrecautionCode code)
    {
        var plan = Plan(new Finding(code, LeftChest));

        Assert.True(plan.IsAvoided(LeftChest));
        Assert.Equal(2, plan.PressureLimitAt(LeftChest));
        Assert.Contains(Position.Prone, plan.AvoidedPositions);
        Assert.True(Has(plan, ConstraintKind.Pressure, "around the", RuleSource.ClinicDefault));
        Assert.False(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_PiccInRightArmWithRedness_HoldsAndAvoidsLyingOnIt()
    {
        var plan = Plan(new Finding(PrecautionCode.Picc, new BodySite(BodyRegion.Arm, BodySide.Right), Signs: FindingSigns.Redness));

        Assert.Contains(Position.SideLyingRight, plan.AvoidedPositions);
        Assert.Contains(plan.Holds, h => h.Kind == HoldKind.NeedsMdInput && h.Reason.Contains("PICC", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SurgicalSiteFourWeeksOld_AvoidsIncisionPressure2AndNoProne()
    {
        var plan = Plan(new Finding(PrecautionCode.SurgicalSite, LeftChest, Date: Today.AddDays(-28)));

        Assert.True(plan.IsAvoided(LeftChest));
        Assert.Equal(2, plan.PressureLimitAt(LeftChest));
        Assert.Equal(new[] { Position.Supine, Position.SideLyingLeft, Position.SideLyingRight, Position.Seated }, plan.AllowedPositions);
    }

    [Fact]
    public void Evaluate_HealedSurgicalSiteTenWeeksOld_NoRegionalPressureLimit()
    {
        var plan = Plan(new Finding(PrecautionCode.SurgicalSite, LeftChest, Date: Today.AddDays(-70), Signs: FindingSigns.Healed));

        Assert.Equal(5, plan.PressureLimitAt(new BodySite(BodyRegion.Abdomen)));
    }

    [Fact]
    public void Evaluate_DrainingDrain_HoldsForOpenOrDrainingWound()
    {
        var plan = Plan(new Finding(PrecautionCode.Drain, LeftChest, Date: Today.AddDays(-5), Signs: FindingSigns.DrainingWound));

        Assert.True(Has(plan, ConstraintKind.AvoidSite, "drain"));
        Assert.Contains(plan.Holds, h => h.Reason == "Open or draining wound");
    }

    [Fact]
    public void Evaluate_RecentSurgeryWithCalfSigns_SurgeonRestrictionsAndSameDayReferral()
    {
        var plan = Plan(new Finding(PrecautionCode.RecentSurgery, new BodySite(BodyRegion.Abdomen), Date: Today.AddDays(-10),
            Signs: FindingSigns.CalfSigns, Detail: "no lifting"));

        Assert.True(Has(plan, ConstraintKind.Technique, "surgeon's restrictions apply: no lifting"));
        Assert.Contains(plan.Holds, h => h.Kind == HoldKind.SameDayReferral);
    }

    [Fact]
    public void Evaluate_ActiveRadiationOnLeftChestWithBlisters_NoContactNoProneUnscentedAndHold()
    {
        var plan = Plan(new Finding(PrecautionCode.RadiationActive, LeftChest, Signs: FindingSigns.Blisters));

        Assert.True(plan.IsAvoided(LeftChest));
        Assert.Contains(Position.Prone, plan.AvoidedPositions);
        Assert.True(Has(plan, ConstraintKind.Products, "Unscented"));
        Assert.Contains(plan.Holds, h => h.Reason.Contains("Blisters", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PastRadiationHealedTwoMonthsAgo_Pressure2InField()
    {
        var plan = Plan(new Finding(PrecautionCode.RadiationPast, LeftChest, Date: Today.AddDays(-60), Signs: FindingSigns.Healed));

        Assert.False(plan.IsAvoided(LeftChest));
        Assert.Equal(2, plan.PressureLimitAt(LeftChest));
        Assert.True(Has(plan, ConstraintKind.Technique, "radiation oncologist's clearance"));
    }

    [Fact]
    public void Evaluate_PastRadiationClearedForDirectWork_StillPressure2()
    {
        var plan = Plan(new Finding(PrecautionCode.RadiationPast, LeftChest, Date: Today.AddDays(-90), Signs: FindingSigns.Healed | FindingSigns.ClearedForDirectWork));

        Assert.Equal(2, plan.PressureLimitAt(LeftChest));
        Assert.True(Has(plan, ConstraintKind.Technique, "cleared by the radiation oncologist"));
    }

    [Fact]
    public void Evaluate_PastRadiationEndedThreeWeeksAgo_FieldAvoidedAsDefaultRule()
    {
        var plan = Plan(new Finding(PrecautionCode.RadiationPast, LeftChest, Date: Today.AddDays(-21), Signs: FindingSigns.Healed));

        Assert.True(Has(plan, ConstraintKind.AvoidSite, "until fully healed and 6 weeks", RuleSource.ClinicDefault));
    }

    [Theory]
    [InlineData(PrecautionCode.NodesRemoved)]
    [InlineData(PrecautionCode.NodesRadiated)]
    public void Evaluate_RightAxillaryNodes_QuadrantPressure2TowardTrunkNoHeatNoCuff(PrecautionCode code)
    {
        var plan = Plan(new Finding(code, RightQuadrant));

        Assert.Equal(2, plan.PressureLimitAt(new BodySite(BodyRegion.Arm, BodySide.Right)));
        Assert.Equal(2, plan.PressureLimitAt(new BodySite(BodyRegion.UpperBack)));
        Assert.Equal(5, plan.PressureLimitAt(new BodySite(BodyRegion.Arm, BodySide.Left)));
        Assert.True(Has(plan, ConstraintKind.StrokeDirection, "toward the trunk"));
        Assert.True(Has(plan, ConstraintKind.Technique, "No blood pressure cuff on the right side"));
        Assert.True(Has(plan, ConstraintKind.Products, "No heat"));
    }

    [Fact]
    public void Evaluate_NodesWithNewSwelling_Holds()
    {
        var plan = Plan(new Finding(PrecautionCode.NodesRemoved, RightQuadrant, Signs: FindingSigns.NewSwelling));

        Assert.Contains(plan.Holds, h => h.Reason.Contains("New swelling", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_LymphedemaLeftArmSuddenIncrease_Pressure1ElevateNoHeatAndHold()
    {
        var plan = Plan(new Finding(PrecautionCode.Lymphedema, new BodySite(BodyRegion.Arm, BodySide.Left), Signs: FindingSigns.SuddenIncrease));

        Assert.Equal(1, plan.PressureLimitAt(new BodySite(BodyRegion.Chest, BodySide.Left)));
        Assert.True(Has(plan, ConstraintKind.Comfort, "Elevate"));
        Assert.True(Has(plan, ConstraintKind.Products, "No heat"));
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_Platelets40000_Pressure2WholeBodyNoFrictionNoHold()
    {
        var plan = Plan(new Finding(PrecautionCode.LowPlatelets, Value: 40_000));

        Assert.Equal(2, plan.MaxPressure);
        Assert.True(Has(plan, ConstraintKind.Technique, "No friction or percussion"));
        Assert.False(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_Platelets15000_HoldsAsDefaultRuleWithTheCountInTheQuestion()
    {
        var plan = Plan(new Finding(PrecautionCode.LowPlatelets, Value: 15_000));

        var hold = Assert.Single(plan.Holds);
        Assert.Equal(RuleSource.ClinicDefault, hold.Cause.Source);
        Assert.Contains("15,000", hold.QuestionForMd, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NeutropeniaWithFever_HygieneAndDefer()
    {
        var plan = Plan(new Finding(PrecautionCode.Neutropenia, Value: 800), new Finding(PrecautionCode.Fever, Value: 37.9));

        Assert.True(Has(plan, ConstraintKind.Hygiene, "Strict hand hygiene"));
        Assert.Contains(plan.Holds, h => h.Kind == HoldKind.Defer);
    }

    [Theory]
    [InlineData(38.0, true)]
    [InlineData(39.2, true)]
    [InlineData(37.9, false)]
    public void Evaluate_FeverTemperature_DefersAtOrAbove38(double celsius, bool expectedHold)
    {
        var plan = Plan(new Finding(PrecautionCode.Fever, Value: celsius));

        Assert.Equal(expectedHold, plan.Holds.Any(h => h.Kind == HoldKind.Defer));
    }

    [Fact]
    public void Evaluate_AnemiaWithFainting_Pressure3ShorterSessionAndHold()
    {
        var plan = Plan(new Finding(PrecautionCode.Anemia, Value: 8.5, Signs: FindingSigns.Fainting));

        Assert.Equal(3, plan.MaxPressure);
        Assert.Equal(45, plan.MaxSessionMinutes);
        Assert.True(Has(plan, ConstraintKind.Comfort, "Slow position changes"));
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_DvtLeftLegTwoMonthsAgoWithCalfSigns_NeverClotSiteLimb2AndSameDayReferral()
    {
        var plan = Plan(new Finding(PrecautionCode.DvtHistory, LeftLeg, Date: Today.AddMonths(-2), Signs: FindingSigns.CalfSigns));

        Assert.True(plan.IsAvoided(LeftLeg));
        Assert.Equal(2, plan.PressureLimitAt(new BodySite(BodyRegion.Leg, BodySide.Left)));
        Assert.Contains(plan.Holds, h => h.Kind == HoldKind.SameDayReferral);
    }

    [Fact]
    public void Evaluate_AnticoagulantWithNewBruising_Pressure2DefaultAndHold()
    {
        var plan = Plan(new Finding(PrecautionCode.Anticoagulant, Signs: FindingSigns.NewBruising, Detail: "apixaban"));

        Assert.Equal(2, plan.MaxPressure);
        Assert.True(Has(plan, ConstraintKind.Pressure, "bruising risk", RuleSource.ClinicDefault));
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_BoneMetsInSpineWithNightPain_LightOverLesionNoJointMovementNoProneAndHold()
    {
        var spine = new BodySite(BodyRegion.LowerBack);
        var plan = Plan(new Finding(PrecautionCode.BoneMets, spine, Signs: FindingSigns.NewBoneOrNightPain));

        Assert.Equal(2, plan.MaxPressure);
        Assert.Equal(1, plan.PressureLimitAt(spine));
        Assert.True(Has(plan, ConstraintKind.JointMovement, "No passive joint movement"));
        Assert.Contains(Position.Prone, plan.AvoidedPositions);
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_Osteoporosis_Pressure2AndNoPassiveJointMovement()
    {
        var plan = Plan(new Finding(PrecautionCode.Osteoporosis));

        Assert.Equal(2, plan.MaxPressure);
        Assert.True(Has(plan, ConstraintKind.JointMovement, "No passive joint movement"));
    }

    [Fact]
    public void Evaluate_NeuropathyWithoutSite_HandsAndFeet2AndNoHeat()
    {
        var plan = Plan(new Finding(PrecautionCode.Neuropathy));

        Assert.Equal(2, plan.PressureLimitAt(new BodySite(BodyRegion.Foot, BodySide.Left)));
        Assert.Equal(5, plan.PressureLimitAt(new BodySite(BodyRegion.UpperBack)));
        Assert.True(Has(plan, ConstraintKind.Products, "No heat (sensation unreliable)"));
    }

    [Fact]
    public void Evaluate_Fatigue7_Pressure3Session45AndLittleRepositioning()
    {
        var plan = Plan(new Finding(PrecautionCode.Fatigue, Value: 7));

        Assert.Equal(3, plan.MaxPressure);
        Assert.Equal(45, plan.MaxSessionMinutes);
        Assert.True(Has(plan, ConstraintKind.Comfort, "Little repositioning"));
    }

    [Fact]
    public void Evaluate_NauseaWithVomiting_FragranceFreeNoProneLeftSideLyingAndHold()
    {
        var plan = Plan(new Finding(PrecautionCode.Nausea, Value: 6, Signs: FindingSigns.Vomiting));

        Assert.True(Has(plan, ConstraintKind.Products, "Fragrance-free"));
        Assert.Contains(Position.Prone, plan.AvoidedPositions);
        Assert.True(Has(plan, ConstraintKind.Comfort, "Left side-lying"));
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_ScentSensitive_FragranceFreeAndAromatherapyOnlyOnRequest()
    {
        var plan = Plan(new Finding(PrecautionCode.ScentSensitive));

        Assert.True(Has(plan, ConstraintKind.Products, "Aromatherapy only on request"));
    }

    [Fact]
    public void Evaluate_Steroids_GentleGlideNoShearAndThinSkinDefault()
    {
        var plan = Plan(new Finding(PrecautionCode.Steroids));

        Assert.True(Has(plan, ConstraintKind.Technique, "Gentle glide, no shear", RuleSource.Sourced));
        Assert.True(Has(plan, ConstraintKind.Technique, "thin or bruised skin", RuleSource.ClinicDefault));
    }

    [Fact]
    public void Evaluate_Ostomy_NoContactOnStomaNoAbdomenNoProne()
    {
        var plan = Plan(new Finding(PrecautionCode.Ostomy, new BodySite(BodyRegion.Abdomen, BodySide.Right)));

        Assert.True(plan.IsAvoided(new BodySite(BodyRegion.Abdomen)));
        Assert.Contains(Position.Prone, plan.AvoidedPositions);
    }

    [Fact]
    public void Evaluate_ChemoYesterday_GlovesAndSeparateLinens()
    {
        var plan = Plan(new Finding(PrecautionCode.ChemoWithin48H, Date: Today.AddDays(-1)));

        Assert.True(Has(plan, ConstraintKind.Hygiene, "Gloves"));
        Assert.True(Has(plan, ConstraintKind.Hygiene, "washed apart"));
    }

    [Fact]
    public void Evaluate_ActiveInfection_Defers()
    {
        var plan = Plan(new Finding(PrecautionCode.Infection));

        Assert.Equal(HoldKind.Defer, Assert.Single(plan.Holds).Kind);
    }

    [Fact]
    public void Evaluate_SkinCompromisedWithBlisters_AvoidsProductsAndHolds()
    {
        var face = new BodySite(BodyRegion.HeadNeck);
        var plan = Plan(new Finding(PrecautionCode.SkinCompromised, face, Signs: FindingSigns.Blisters, Detail: "EGFR rash"));

        Assert.True(plan.IsAvoided(face));
        Assert.True(Has(plan, ConstraintKind.Products, "barrier-supporting"));
        Assert.True(Has(plan, ConstraintKind.Products, "No peels or actives"));
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_Reconstruction_Pressure2AvoidExpanderPortAndProneOnlyIfSurgeonAllows()
    {
        var plan = Plan(new Finding(PrecautionCode.Reconstruction, LeftChest, Signs: FindingSigns.Expander));

        Assert.Equal(2, plan.PressureLimitAt(LeftChest));
        Assert.True(Has(plan, ConstraintKind.AvoidSite, "expander port"));
        Assert.True(Has(plan, ConstraintKind.Position, "surgeon allows", RuleSource.ClinicDefault));
    }

    [Fact]
    public void Evaluate_ReconstructionSurgeonAllowsProne_ProneAllowed()
    {
        var plan = Plan(new Finding(PrecautionCode.Reconstruction, LeftChest, Signs: FindingSigns.SurgeonAllowsProne));

        Assert.DoesNotContain(Position.Prone, plan.AvoidedPositions);
    }

    [Fact]
    public void Evaluate_BrainMetsWithSeizure_Pressure3GentleHeadNoScentsAndEmergency()
    {
        var plan = Plan(new Finding(PrecautionCode.BrainMets, Signs: FindingSigns.Seizure));

        Assert.Equal(3, plan.MaxPressure);
        Assert.True(Has(plan, ConstraintKind.Technique, "Gentle head and neck"));
        Assert.True(Has(plan, ConstraintKind.Products, "No strong scents"));
        Assert.Equal(HoldKind.Emergency, Assert.Single(plan.Holds).Kind);
    }

    [Fact]
    public void Evaluate_CachexiaWithRapidWeightLoss_Pressure2PadShorterSessionAndHold()
    {
        var plan = Plan(new Finding(PrecautionCode.Cachexia, Signs: FindingSigns.RapidWeightLoss));

        Assert.Equal(2, plan.MaxPressure);
        Assert.True(Has(plan, ConstraintKind.Comfort, "Pad bony prominences"));
        Assert.Equal(45, plan.MaxSessionMinutes);
        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Evaluate_CustomPlateletHoldThreshold_UsesTheOption()
    {
        var engine = new AdaptationEngine(new ClinicalRuleOptions { PlateletsHoldBelow = 30_000 });

        var plan = engine.Evaluate([new Finding(PrecautionCode.LowPlatelets, Value: 25_000)], Today);

        Assert.True(plan.NeedsMdInput);
    }
}
