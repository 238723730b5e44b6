using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Intake;

namespace OncologyMassage.Pages.Tests.Intake;

/// <summary>The intake form model: bound from posted fields by their property paths, read into the domain intake, errors keyed by the same paths.</summary>
public sealed class IntakeFormModelTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static IntakeFormModel Form(params (string Name, string Value)[] fields) =>
        FormBinder.Bind<IntakeFormModel>(new FormCollection(fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray()))));

    private static Domain.Clinical.Intake Valid(params (string Name, string Value)[] fields)
    {
        var (intake, errors) = Form([("cancerType", "Breast cancer"), .. fields]).Validate(Today);
        Assert.Empty(errors.ByField);
        return intake!;
    }

    [Fact]
    public void Validate_SurgeryWithArmpitNodes_MapsNodesToTheUpperQuadrantOfThatSide()
    {
        var intake = Valid(("surgeries[1].procedure", "Mastectomy"), ("surgeries[1].date", "2026-06-02"), ("surgeries[1].region", "chest"),
            ("surgeries[1].side", "left"), ("surgeries[1].nodes", "armpit"), ("surgeries[1].nodesSide", "left"), ("surgeries[1].nodesCount", "12"),
            ("surgeries[1].hasDrain", "yes"), ("surgeries[1].reconstruction", "expander"));

        var surgery = Assert.Single(intake.Surgeries);
        Assert.Equal(new NodeTreatment(new BodySite(BodyRegion.UpperQuadrant, BodySide.Left), 12), surgery.Nodes);
        Assert.Equal((true, ReconstructionType.Expander, new BodySite(BodyRegion.Chest, BodySide.Left)),
            (surgery.HasDrain, surgery.Reconstruction!.Type, surgery.Reconstruction.Site));
    }

    [Fact]
    public void Validate_BlankRatingsAndUnknownLabs_StayUnknownNeverZero()
    {
        var intake = Valid(("symptoms.pain", ""), ("symptoms.fatigue", "7"), ("labs.platelets.value", "40000"), ("labs.platelets.drawn", "2026-11-20"),
            ("labs.platelets.unknown", "yes"), ("labs.anc.value", "900"), ("labs.anc.drawn", "2026-11-20"));

        Assert.Equal(new IntakeSymptoms(Fatigue: 7), intake.Symptoms);
        Assert.Equal(new LabResults(Anc: new LabValue(900, new DateOnly(2026, 11, 20))), intake.Labs);
    }

    [Theory]
    [InlineData("haemoglobin", "11,5", 11.5)] // a Spanish (decimal comma) haemoglobin: 11.5, never 115
    [InlineData("haemoglobin", "11.5", 11.5)]
    [InlineData("anc", "0,8", 0.8)]
    [InlineData("platelets", "150,000", 150000)] // an English thousands separator
    [InlineData("platelets", "1,500.5", 1500.5)]
    [InlineData("platelets", "180000", 180000)]
    public void Validate_LabValueWithACommaOrPoint_ReadsItAsTypedInEitherLanguage(string lab, string typed, double expected)
    {
        var intake = Valid(($"labs.{lab}.value", typed), ($"labs.{lab}.drawn", "2026-11-20"));

        var labs = intake.Labs;
        Assert.Equal(expected, (lab switch { "haemoglobin" => labs.Haemoglobin, "anc" => labs.Anc, _ => labs.Platelets })!.Value);
    }

    [Theory]
    [InlineData("11,5,2")]
    [InlineData("1,50,000")]
    [InlineData("11,5.2")]
    public void Validate_LabValueThatFitsNeitherReading_IsRefusedNotGuessed(string typed)
    {
        var (_, errors) = Form(("cancerType", "Breast cancer"), ("labs.haemoglobin.value", typed), ("labs.haemoglobin.drawn", "2026-11-20")).Validate(Today);

        Assert.Contains("labs.haemoglobin.value", errors.ByField.Keys);
    }

    [Fact]
    public void Validate_TemperatureInFahrenheit_IsStoredInCelsius()
    {
        var intake = Valid(("today.temperatureCelsius", "100.4"));

        Assert.Equal(38.0, intake.Today.TemperatureCelsius);
    }

    [Fact]
    public void Validate_TreatmentsDevicesLymphedemaAndPositions_MapToTheirDomainRecords()
    {
        var intake = Valid(("treatments.chemotherapy.taken", "yes"), ("treatments.chemotherapy.lastDose", "2026-11-10"), ("treatments.hormonal.start", "2026-01-05"),
            ("devices.picc.present", "yes"), ("devices.picc.region", "arm"), ("devices.picc.side", "right"), ("devices.picc.siteSigns", "yes"),
            ("lymphedema[0].status", "risk"), ("lymphedema[0].limb", "arm"), ("lymphedema[0].side", "left"),
            ("lymphedema[1].status", "present"), ("lymphedema[1].limb", "leg"), ("lymphedema[1].side", "right"),
            ("positionsThatHurt", "Prone"), ("positionsThatHurt", "SideLyingLeft"), ("anticoagulants", "apixaban, heparin"),
            ("careTeam.name", "Nurse Joy"), ("permissionToContactCareTeam", "yes"));

        Assert.Equal([new TreatmentCourse(TreatmentType.Chemotherapy, LastDose: new DateOnly(2026, 11, 10)), new TreatmentCourse(TreatmentType.Hormonal, new DateOnly(2026, 1, 5))],
            intake.Treatments);
        var picc = Assert.Single(intake.Devices);
        Assert.Equal((DeviceType.Picc, new BodySite(BodyRegion.Arm, BodySide.Right)), (picc.Type, picc.Site));
        Assert.True(picc.SiteSigns.HasFlag(FindingSigns.Redness));
        Assert.Equal([new BodySite(BodyRegion.UpperQuadrant, BodySide.Left), new BodySite(BodyRegion.Leg, BodySide.Right)], intake.Lymphedema.Select(l => l.Limb));
        Assert.Equal([LymphedemaStatus.AtRisk, LymphedemaStatus.Present], intake.Lymphedema.Select(l => l.Status));
        Assert.Equal([Position.Prone, Position.SideLyingLeft], intake.PositionsThatHurt);
        Assert.Equal(["apixaban", "heparin"], intake.Anticoagulants);
        Assert.Equal((new CareTeamContact("Nurse Joy"), true), (intake.CareTeam, intake.PermissionToContactCareTeam));
    }

    [Fact]
    public void Validate_NoCancerType_ErrorOnThatField()
    {
        var (intake, errors) = Form(("symptoms.pain", "3")).Validate(Today);

        Assert.Null(intake);
        Assert.Equal("cancerType", Assert.Single(errors.ByField).Key);
    }

    [Fact]
    public void Validate_DomainRuleBrokenInTheThirdSurgeryRow_ErrorKeyedByThatRowNotTheListItem()
    {
        // The first two rows are blank: the domain's Surgeries[0] was built from the form's row 2.
        var (intake, errors) = Form(("cancerType", "Breast cancer"), ("surgeries[2].procedure", "Lumpectomy"), ("surgeries[2].date", "2027-01-01")).Validate(Today);

        Assert.Null(intake);
        Assert.Equal("surgeries[2]", Assert.Single(errors.ByField).Key);
    }

    [Fact]
    public void Validate_DomainRulesOnGroupsAndNestedValues_ErrorsKeyedByTheirPropertyPaths()
    {
        var (_, errors) = Form(("cancerType", "Lymphoma"), ("labs.wbc.value", "900000"), ("labs.wbc.drawn", "2026-11-20"), ("symptoms.anxiety", "10"),
            ("today.temperatureCelsius", "50"), ("devices.port.present", "yes"), ("devices.picc.present", "yes"), ("careTeam.name", "Nurse Joy"),
            ("careTeam.email", "not-an-address"), ("neuropathy.numbness", "yes"), ("bone.lesionSites[1].region", "leg")).Validate(Today);

        Assert.Equal(["bone", "careTeam.email", "devices.picc", "labs.wbc", "today.temperatureCelsius"], errors.ByField.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_DateNotIsoOrScoreOutOfRange_ErrorsOnThoseFields()
    {
        var (_, errors) = Form(("cancerType", "Lymphoma"), ("diagnosisDate", "03/04/2025"), ("symptoms.nausea", "12"), ("surgeries[0].date", "yesterday")).Validate(Today);

        Assert.Equal(["diagnosisDate", "surgeries[0]", "surgeries[0].date", "symptoms.nausea"], errors.ByField.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_PermissionWithoutCareTeamContact_ErrorOnTheCareTeamGroup()
    {
        var (_, errors) = Form(("cancerType", "Lymphoma"), ("permissionToContactCareTeam", "yes")).Validate(Today);

        Assert.Equal("careTeam", Assert.Single(errors.ByField).Key);
    }
}
