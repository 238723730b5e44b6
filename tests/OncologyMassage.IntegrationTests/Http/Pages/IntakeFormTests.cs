using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Functions.Http.Pages;

namespace OncologyMassage.IntegrationTests.Http.Pages;

/// <summary>The intake form's mapping to the domain Intake (pure: no host, no storage).</summary>
public sealed class IntakeFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static IntakeForm Form(params (string Name, string Value)[] fields) =>
        IntakeForm.Read(new FormCollection(fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray()))));

    private static Intake Valid(params (string Name, string Value)[] fields)
    {
        var (intake, errors) = Form([("cancerType", "Breast cancer"), .. fields]).Validate(Today);
        Assert.Empty(errors);
        return intake!;
    }

    [Fact]
    public void Validate_SurgeryWithArmpitNodes_MapsNodesToTheUpperQuadrantOfThatSide()
    {
        var intake = Valid(("surgery1Procedure", "Mastectomy"), ("surgery1Date", "2026-06-02"), ("surgery1Region", "chest"), ("surgery1Side", "left"),
            ("surgery1Nodes", "armpit"), ("surgery1NodesSide", "left"), ("surgery1NodesCount", "12"), ("surgery1Drain", "yes"),
            ("surgery1Reconstruction", "expander"));

        var surgery = Assert.Single(intake.Surgeries);
        Assert.Equal(new NodeTreatment(new BodySite(BodyRegion.UpperQuadrant, BodySide.Left), 12), surgery.Nodes);
        Assert.Equal((true, ReconstructionType.Expander, new BodySite(BodyRegion.Chest, BodySide.Left)),
            (surgery.HasDrain, surgery.Reconstruction!.Type, surgery.Reconstruction.Site));
    }

    [Fact]
    public void Validate_BlankRatingsAndUnknownLabs_StayUnknownNeverZero()
    {
        var intake = Valid(("pain", ""), ("fatigue", "7"), ("plateletsValue", "40000"), ("plateletsDate", "2026-11-20"), ("plateletsUnknown", "yes"),
            ("ancValue", "900"), ("ancDate", "2026-11-20"));

        Assert.Equal(new IntakeSymptoms(Fatigue: 7), intake.Symptoms);
        Assert.Equal(new LabResults(Anc: new LabValue(900, new DateOnly(2026, 11, 20))), intake.Labs);
    }

    [Fact]
    public void Validate_TemperatureInFahrenheit_IsStoredInCelsius()
    {
        var intake = Valid(("temperature", "100.4"));

        Assert.Equal(38.0, intake.Today.TemperatureCelsius);
    }

    [Fact]
    public void Validate_DevicesLymphedemaAndPositions_MapToTheirDomainRecords()
    {
        var intake = Valid(("picc", "yes"), ("piccRegion", "arm"), ("piccSide", "right"), ("piccSigns", "yes"),
            ("lymph0Status", "risk"), ("lymph0Limb", "arm"), ("lymph0Side", "left"), ("lymph1Status", "present"), ("lymph1Limb", "leg"), ("lymph1Side", "right"),
            ("positionHurts", "Prone"), ("positionHurts", "SideLyingLeft"), ("bloodThinners", "apixaban, heparin"));

        var picc = Assert.Single(intake.Devices);
        Assert.Equal((DeviceType.Picc, new BodySite(BodyRegion.Arm, BodySide.Right)), (picc.Type, picc.Site));
        Assert.True(picc.SiteSigns.HasFlag(FindingSigns.Redness));
        Assert.Equal([new BodySite(BodyRegion.UpperQuadrant, BodySide.Left), new BodySite(BodyRegion.Leg, BodySide.Right)], intake.Lymphedema.Select(l => l.Limb));
        Assert.Equal([LymphedemaStatus.AtRisk, LymphedemaStatus.Present], intake.Lymphedema.Select(l => l.Status));
        Assert.Equal([Position.Prone, Position.SideLyingLeft], intake.PositionsThatHurt);
        Assert.Equal(["apixaban", "heparin"], intake.Anticoagulants);
    }

    [Fact]
    public void Validate_NoCancerType_ErrorOnThatField()
    {
        var (intake, errors) = Form(("pain", "3")).Validate(Today);

        Assert.Null(intake);
        Assert.Equal("cancerType", Assert.Single(errors).Key);
    }

    [Fact]
    public void Validate_DomainRuleBrokenInTheSecondSurgeryRow_ErrorKeyedByThatRow()
    {
        var (intake, errors) = Form(("cancerType", "Breast cancer"), ("surgery2Procedure", "Lumpectomy"), ("surgery2Date", "2027-01-01")).Validate(Today);

        Assert.Null(intake);
        Assert.Equal("surgery2", Assert.Single(errors).Key);
    }

    [Fact]
    public void Validate_DateNotIsoOrScoreOutOfRange_ErrorsOnThoseFields()
    {
        var (_, errors) = Form(("cancerType", "Lymphoma"), ("diagnosisDate", "03/04/2025"), ("nausea", "12")).Validate(Today);

        Assert.Equal(["diagnosisDate", "nausea"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_PermissionWithoutCareTeamContact_ErrorOnTheContactName()
    {
        var (_, errors) = Form(("cancerType", "Lymphoma"), ("careTeamPermission", "yes")).Validate(Today);

        Assert.Equal("careTeamName", Assert.Single(errors).Key);
    }
}
