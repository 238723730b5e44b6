using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class PlanRendererTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly AdaptationEngine Engine = new();

    private static AdaptationPlan SamplePlan() => Engine.Evaluate(
    [
        new Finding(PrecautionCode.NodesRemoved, new BodySite(BodyRegion.UpperQuadrant, BodySide.Right)),
        new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Left)),
        new Finding(PrecautionCode.LowPlatelets, Value: 15_000),
        new Finding(PrecautionCode.Fatigue, Value: 7),
    ], Today);

    [Fact]
    public void Lines_PlanWithHold_HoldComesFirstThenMaximumPressure()
    {
        var lines = PlanRenderer.Lines(SamplePlan());

        Assert.Equal(("Hold", "Pressure"), (lines[0].Section, lines[1].Section));
    }

    [Fact]
    public void Lines_EveryLine_HasAReason()
    {
        var lines = PlanRenderer.Lines(SamplePlan());

        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Reason)));
    }

    [Fact]
    public void Lines_Constraints_OrderedByImportance()
    {
        var sections = PlanRenderer.Lines(SamplePlan()).Skip(2).Select(l => l.Section).ToArray();

        Assert.True(Array.IndexOf(sections, "Site") < Array.IndexOf(sections, "Hygiene") || !sections.Contains("Hygiene"));
        Assert.True(Array.LastIndexOf(sections, "Site") < Array.IndexOf(sections, "Products"));
        Assert.True(Array.LastIndexOf(sections, "Products") < Array.IndexOf(sections, "Session"));
    }

    [Fact]
    public void ToPlainText_DefaultRule_IsLabelled()
    {
        var text = PlanRenderer.ToPlainText(Engine.Evaluate([new Finding(PrecautionCode.Fatigue, Value: 7)], Today));

        Assert.Contains("- Maximum pressure: 3 on the Walton 0–5 scale (moderate, standard Swedish) — FATIGUE, default rule", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPlainText_Hold_SaysDoNotSchedule()
    {
        var text = PlanRenderer.ToPlainText(SamplePlan());

        Assert.StartsWith("Adaptation plan (oncology massage)\nDO NOT SCHEDULE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_RegionalLimitLooserThanWholeBody_LeftOut()
    {
        var plan = Engine.Evaluate([new Finding(PrecautionCode.Neuropathy), new Finding(PrecautionCode.LowPlatelets, Value: 30_000)], Today);

        Assert.DoesNotContain(PlanRenderer.Lines(plan), l => l.Text.Contains("neuropathy", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_SameInstructionFromTwoFindings_MergedIntoOneLineWithBothReasons()
    {
        var plan = Engine.Evaluate([new Finding(PrecautionCode.Nausea, Value: 5), new Finding(PrecautionCode.ScentSensitive)], Today);

        var line = Assert.Single(PlanRenderer.Lines(plan), l => l.Text == "Fragrance-free products");
        Assert.Equal("NAUSEA, sourced rule; SCENT_SENSITIVE, sourced rule", line.Reason);
    }

    [Fact]
    public void ToMdQuestion_Hold_AsksTheSpecificQuestionThenProposesThePlan()
    {
        var text = PlanRenderer.ToMdQuestion(SamplePlan());

        Assert.Contains("1. The client's platelets are 15,000/mm³.", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("1. ", StringComparison.Ordinal) < text.IndexOf("- Maximum pressure: 2", StringComparison.Ordinal));
    }

    [Fact]
    public void HoldSummary_TwoHolds_MostUrgentFirst()
    {
        var plan = Engine.Evaluate([new Finding(PrecautionCode.LowPlatelets, Value: 15_000), new Finding(PrecautionCode.Infection)], Today);

        Assert.StartsWith("Active infection: defer the session; Platelets 15,000", plan.HoldSummary, StringComparison.Ordinal);
    }
}
