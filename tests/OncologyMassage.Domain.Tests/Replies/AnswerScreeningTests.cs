using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

public sealed class AnswerScreeningTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static Intake Plain() => new()
    {
        CompletedOn = Today,
        CancerType = "breast",
        Medications = ["blood thinner", "anti-nausea"],
        Goals = "Relax before my next cycle and sleep better.",
        Today = new TodayStatus { TemperatureCelsius = 36.8 },
    };

    [Fact]
    public void ScreenIntake_NothingAcute_IsClear()
    {
        var result = AnswerScreening.ScreenIntake(Plain());

        Assert.Equal(RedFlagLevel.None, result.Level);
        Assert.Empty(result.Matches);
    }

    [Theory]
    [InlineData("chest", AnswerScreening.Reasons.ChestPain)]
    [InlineData("breath", AnswerScreening.Reasons.Breathlessness)]
    [InlineData("faint", AnswerScreening.Reasons.Fainting)]
    public void ScreenIntake_ImmediateTickToday_IsImmediate(string tick, string reason)
    {
        var today = tick switch
        {
            "chest" => new TodayStatus { ChestPain = true },
            "breath" => new TodayStatus { Breathless = true },
            _ => new TodayStatus { Fainting = true },
        };

        var result = AnswerScreening.ScreenIntake(Plain() with { Today = today });

        Assert.Equal(RedFlagLevel.Immediate, result.Level);
        Assert.Equal([reason], result.Reasons);
    }

    [Theory]
    [InlineData(38.0, RedFlagLevel.Immediate)]
    [InlineData(39.2, RedFlagLevel.Immediate)]
    [InlineData(37.5, RedFlagLevel.SameDay)]
    [InlineData(37.9, RedFlagLevel.SameDay)]
    [InlineData(37.4, RedFlagLevel.None)]
    public void ScreenIntake_Temperature_GradedAsInAReply(double celsius, RedFlagLevel expected)
    {
        var result = AnswerScreening.ScreenIntake(Plain() with { Today = new TodayStatus { TemperatureCelsius = celsius } });

        Assert.Equal(expected, result.Level);
        Assert.Equal(expected, RedFlagScreener.Screen(FormattableString.Invariant($"my temperature is {celsius:0.0}")).Level);
    }

    public static TheoryData<string, string> SameDaySigns() => new()
    {
        { "vomiting", AnswerScreening.Reasons.Vomiting },
        { "fluids", AnswerScreening.Reasons.Vomiting },
        { "limb", AnswerScreening.Reasons.Swelling },
        { "calf", AnswerScreening.Reasons.Calf },
        { "bone", AnswerScreening.Reasons.BonePain },
        { "skin", AnswerScreening.Reasons.Skin },
        { "port", AnswerScreening.Reasons.PortSite },
        { "drain", RedFlagScreener.NeedsReview },
    };

    [Theory]
    [MemberData(nameof(SameDaySigns))]
    public void ScreenIntake_AcuteSignInASection_IsSameDay(string sign, string reason)
    {
        var site = new BodySite(BodyRegion.UpperQuadrant, BodySide.Left);
        var intake = sign switch
        {
            "vomiting" => Plain() with { Today = new TodayStatus { Vomiting = true } },
            "fluids" => Plain() with { Today = new TodayStatus { CannotKeepFluidsDown = true } },
            "limb" => Plain() with { Lymphedema = [new LymphedemaRecord(site, LymphedemaStatus.Present) { SuddenIncreaseRednessOrWarmth = true }] },
            "calf" => Plain() with { Clots = [new ClotRecord(site, Today.AddDays(-3), CalfPainSwellingOrWarmthNow: true)] },
            "bone" => Plain() with { Bone = new BoneInvolvement { NewOrNightPain = true } },
            "skin" => Plain() with { Skin = new SkinChanges { OpenSkin = true } },
            "port" => Plain() with { Devices = [new MedicalDevice(DeviceType.Port, site, SiteSigns: FindingSigns.Redness)] },
            _ => Plain() with { Devices = [new MedicalDevice(DeviceType.Drain, site, SiteSigns: FindingSigns.Discharge)] },
        };

        var result = AnswerScreening.ScreenIntake(intake);

        Assert.Equal(RedFlagLevel.SameDay, result.Level);
        Assert.Equal([reason], result.Reasons);
    }

    [Fact]
    public void ScreenIntake_StableHistory_IsClear()
    {
        var site = new BodySite(BodyRegion.UpperQuadrant, BodySide.Left);
        var intake = Plain() with
        {
            Lymphedema = [new LymphedemaRecord(site, LymphedemaStatus.Present) { Garment = true }],
            Clots = [new ClotRecord(site, Today.AddDays(-400), TreatmentEnded: Today.AddDays(-200))],
            Devices = [new MedicalDevice(DeviceType.Port, site)],
            Skin = new SkinChanges { Dryness = true },
        };

        Assert.Equal(RedFlagLevel.None, AnswerScreening.ScreenIntake(intake).Level);
    }

    [Fact]
    public void ScreenIntake_SymptomInGoals_ScreenedLikeAReply()
    {
        var result = AnswerScreening.ScreenIntake(Plain() with { Goals = "feel better, I get short of breath on the stairs since monday" });

        Assert.Equal(RedFlagLevel.Immediate, result.Level);
    }

    [Fact]
    public void ScreenIntake_ImmediateAndSameDay_TakesTheHigherAndKeepsBoth()
    {
        var result = AnswerScreening.ScreenIntake(Plain() with { Today = new TodayStatus { Vomiting = true, ChestPain = true } });

        Assert.Equal(RedFlagLevel.Immediate, result.Level);
        Assert.Equal([AnswerScreening.Reasons.ChestPain, AnswerScreening.Reasons.Vomiting], result.Reasons);
    }

    [Theory]
    [InlineData(null, RedFlagLevel.None)]
    [InlineData("  ", RedFlagLevel.None)]
    [InlineData("Moving away, thanks for everything", RedFlagLevel.None)]
    [InlineData("I'm back in hospital, coughing up blood", RedFlagLevel.Immediate)]
    public void ScreenText_WithdrawalReason_ScreenedLikeAReply(string? text, RedFlagLevel expected)
    {
        Assert.Equal(expected, AnswerScreening.ScreenText(text).Level);
    }

    [Fact]
    public void Reasons_AreTheVocabularysOwnWords()
    {
        var known = RedFlagScreener.Rules.Select(r => r.Reason).ToHashSet(StringComparer.Ordinal);
        var reasons = typeof(AnswerScreening.Reasons).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();

        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Contains(r, known));
    }
}
