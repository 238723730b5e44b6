using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class IntakeTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly IntakeValidator Validator = new();

    private static Intake Minimal() => new() { CompletedOn = Today, CancerType = "breast" };

    private static string[] Errors(Intake intake) =>
        Validator.Validate(intake).Errors.Select(e => e.ErrorMessage).ToArray();

    [Fact]
    public void Validate_MinimalIntake_IsValid()
    {
        Assert.Empty(Errors(Minimal()));
    }

    [Fact]
    public void Validate_MissingCancerType_NamesTheField()
    {
        Assert.Contains("Cancer type is required.", Errors(Minimal() with { CancerType = "" }));
    }

    [Fact]
    public void Validate_DiagnosisInTheFuture_Rejected()
    {
        Assert.Contains("Diagnosis date cannot be in the future.", Errors(Minimal() with { DiagnosisDate = Today.AddDays(1) }));
    }

    [Fact]
    public void Validate_NextInfusionInTheFuture_Accepted()
    {
        Assert.Empty(Errors(Minimal() with { NextInfusion = Today.AddDays(7) }));
    }

    [Fact]
    public void Validate_NodesWithoutSide_AsksForTheSide()
    {
        var surgery = new SurgeryRecord("mastectomy", Today.AddDays(-90)) { Nodes = new NodeTreatment(new BodySite(BodyRegion.UpperQuadrant)) };

        Assert.Contains("Lymph nodes removed: give the side (left or right).", Errors(Minimal() with { Surgeries = [surgery] }));
    }

    [Fact]
    public void Validate_ImplausibleNodeCount_Rejected()
    {
        var surgery = new SurgeryRecord("dissection", Today.AddDays(-90))
        {
            Nodes = new NodeTreatment(new BodySite(BodyRegion.UpperQuadrant, BodySide.Left), Count: 300),
        };

        Assert.Contains("Lymph nodes removed: the count must be between 0 and 80.", Errors(Minimal() with { Surgeries = [surgery] }));
    }

    [Fact]
    public void Validate_ScoreAboveTen_Rejected()
    {
        Assert.Contains("Pain: rate 0 (none) to 10 (worst).", Errors(Minimal() with { Symptoms = new IntakeSymptoms(Pain: 11) }));
    }

    [Fact]
    public void Validate_PiccWithoutArmSide_Rejected()
    {
        var picc = new MedicalDevice(DeviceType.Picc, new BodySite(BodyRegion.Arm));

        Assert.Contains("PICC line: give the arm (left or right).", Errors(Minimal() with { Devices = [picc] }));
    }

    [Fact]
    public void Validate_LabDrawnTomorrow_Rejected()
    {
        var labs = new LabResults(Platelets: new LabValue(80_000, Today.AddDays(1)));

        Assert.Single(Errors(Minimal() with { Labs = labs }));
    }

    [Fact]
    public void Validate_PermissionWithoutCareTeam_Rejected()
    {
        Assert.Contains("Care team: give a contact when you allow us to contact it.", Errors(Minimal() with { PermissionToContactCareTeam = true }));
    }

    [Fact]
    public void From_FullIntake_MapsEveryClinicalField()
    {
        var right = new BodySite(BodyRegion.UpperQuadrant, BodySide.Right);
        var intake = Minimal() with
        {
            MetastasisSites = ["bone", "brain"],
            Treatments = [new TreatmentCourse(TreatmentType.Chemotherapy, Today.AddDays(-60), LastDose: Today.AddDays(-1))],
            Surgeries = [new SurgeryRecord("mastectomy", Today.AddDays(-20), new BodySite(BodyRegion.Chest, BodySide.Right))
            {
                Nodes = new NodeTreatment(right, 12),
                HasDrain = true,
                Reconstruction = new ReconstructionRecord(ReconstructionType.Expander, new BodySite(BodyRegion.Chest, BodySide.Right)),
            }],
            Radiation = [new RadiationCourse(new BodySite(BodyRegion.Chest, BodySide.Right), Today.AddDays(-10))],
            Devices = [new MedicalDevice(DeviceType.Port, new BodySite(BodyRegion.Chest, BodySide.Left))],
            Labs = new LabResults(new LabValue(40_000, Today), new LabValue(900, Today), Haemoglobin: new LabValue(9, Today)),
            Clots = [new ClotRecord(new BodySite(BodyRegion.Leg, BodySide.Left), Today.AddMonths(-2))],
            Anticoagulants = ["apixaban"],
            Bone = new BoneInvolvement { Osteoporosis = true },
            Neuropathy = new NeuropathyRecord([]),
            Lymphedema = [new LymphedemaRecord(new BodySite(BodyRegion.Arm, BodySide.Right), LymphedemaStatus.Present)],
            Skin = new SkinChanges { Rash = true },
            Symptoms = new IntakeSymptoms(Fatigue: 6, Nausea: 5),
            OnSteroids = true,
            Cachexia = true,
            ScentSensitive = true,
            Today = new TodayStatus { TemperatureCelsius = 38.4, ActiveInfection = true },
        };

        var codes = IntakeFindings.From(intake, new ClinicalRuleOptions()).Select(f => f.Code).ToHashSet();

        var missing = Enum.GetValues<PrecautionCode>().Where(c => !codes.Contains(c) && c is not (PrecautionCode.Picc
            or PrecautionCode.CentralLine or PrecautionCode.RadiationPast or PrecautionCode.NodesRadiated or PrecautionCode.Ostomy)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Evaluate_IntakeWithPositionThatHurts_AvoidsItAsClientReport()
    {
        var plan = new AdaptationEngine().Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { Intake = Minimal() with { PositionsThatHurt = [Position.Prone] } });

        Assert.Contains(plan.Constraints, c => c.AvoidPosition == Position.Prone && c.Cause.Source == RuleSource.ClientReport);
    }

    [Fact]
    public void Evaluate_IntakeWithFever_HoldsTheReferral()
    {
        var intake = Minimal() with { Today = new TodayStatus { TemperatureCelsius = 38.0 } };

        var plan = new AdaptationEngine().Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { Intake = intake });

        Assert.True(plan.NeedsMdInput);
    }

    [Fact]
    public void Validate_TreatmentEndBeforeStart_Rejected()
    {
        var course = new TreatmentCourse(TreatmentType.Chemotherapy, Today.AddDays(-10), Today.AddDays(-20));

        Assert.Contains("Treatment end date must be on or after its start date.", Errors(Minimal() with { Treatments = [course] }));
    }

    [Fact]
    public void Validate_RadiationFieldOnArmWithoutSide_AsksForSide()
    {
        var course = new RadiationCourse(new BodySite(BodyRegion.Arm), Today.AddDays(-30));

        Assert.Contains("Radiation field: give the side (left or right).", Errors(Minimal() with { Radiation = [course] }));
    }

    [Fact]
    public void Evaluate_TypicalBreastCancerIntake_PlanWithReasonsAndNoHold()
    {
        var rightQuadrant = new BodySite(BodyRegion.UpperQuadrant, BodySide.Right);
        var intake = Minimal() with
        {
            Treatments = [new TreatmentCourse(TreatmentType.Chemotherapy, Today.AddDays(-60), LastDose: Today.AddDays(-10))],
            Surgeries = [new SurgeryRecord("lumpectomy", Today.AddDays(-200), new BodySite(BodyRegion.Chest, BodySide.Right))
            {
                Healed = true,
                Nodes = new NodeTreatment(rightQuadrant, Count: 2, SentinelOnly: true),
            }],
            Devices = [new MedicalDevice(DeviceType.Port, new BodySite(BodyRegion.Chest, BodySide.Left), Today.AddDays(-90))],
            Labs = new LabResults(new LabValue(180_000, Today.AddDays(-3))),
            Symptoms = new IntakeSymptoms(Pain: 3, Fatigue: 6, Nausea: 2, Anxiety: 5),
        };

        var plan = new AdaptationEngine().Evaluate(new PlanRequest(ServiceType.OncologyMassage, Today) { Intake = intake });

        Assert.Equal(
            (false, 3, 2, 2, true, 45),
            (plan.NeedsMdInput, plan.MaxPressure, plan.PressureLimitAt(new BodySite(BodyRegion.Arm, BodySide.Right)),
                plan.PressureLimitAt(new BodySite(BodyRegion.Chest, BodySide.Left)), plan.IsAvoided(new BodySite(BodyRegion.Chest, BodySide.Left)),
                plan.MaxSessionMinutes));
    }
}
