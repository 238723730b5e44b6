using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

public sealed class RedFlagScreenerTests
{
    [Fact]
    public void Screen_ChestPainAndSwelling_ImmediateWithBothReasonsMostUrgentFirst()
    {
        var result = RedFlagScreener.Screen("chest pain since last night and my arm is swollen");

        Assert.Equal(RedFlagLevel.Immediate, result.Level);
        Assert.Equal(["chest pain", "new or increased swelling of a limb"], result.Reasons);
    }

    [Fact]
    public void Screen_NegatedThenFlaggedInNextClause_Flags()
    {
        var result = RedFlagScreener.Screen("No swelling. But I fainted this morning");

        Assert.Equal(["fainting"], result.Reasons);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Screen_Blank_NotFlagged(string reply)
    {
        Assert.False(RedFlagScreener.Screen(reply).IsFlagged);
    }

    [Theory]
    [InlineData("temp 37.4", RedFlagLevel.None)]
    [InlineData("temp 37.6", RedFlagLevel.SameDay)]
    [InlineData("temp 38.0", RedFlagLevel.Immediate)]
    [InlineData("99.1F", RedFlagLevel.None)]
    [InlineData("100.2F", RedFlagLevel.SameDay)]
    [InlineData("100.4F", RedFlagLevel.Immediate)]
    [InlineData("temp 101", RedFlagLevel.Immediate)]
    [InlineData("took it, 38.4", RedFlagLevel.Immediate)]
    [InlineData("38.4", RedFlagLevel.Immediate)]
    [InlineData("I'm 38 and usually healthy", RedFlagLevel.None)]
    [InlineData("see you at 10.30 on the 12th", RedFlagLevel.None)]
    public void Screen_TemperatureNumbers_ImmediateFrom38CelsiusReviewFrom37Point5(string reply, RedFlagLevel expected)
    {
        Assert.Equal(expected, RedFlagScreener.Screen(reply).Level);
    }

    [Fact]
    public void Screen_Match_KeepsTheWordsThatMatched()
    {
        var match = Assert.Single(RedFlagScreener.Screen("hot red calf").Matches);

        Assert.Equal("hot red calf", match.MatchedText);
    }

    [Fact]
    public void Screen_CurlyApostrophe_StillMatches()
    {
        Assert.Equal(RedFlagLevel.Immediate, RedFlagScreener.Screen("I can\u2019t breathe").Level);
    }

    [Fact]
    public void Screen_VeryLongReply_CompletesAndFlags()
    {
        var reply = string.Concat(Enumerable.Repeat("feeling fine today and thank you ", 300)) + "but I threw up";

        Assert.Equal(RedFlagLevel.SameDay, RedFlagScreener.Screen(reply).Level);
    }

    [Fact]
    public void ImmediateAnswer_ImmediateFlag_TellsTheClientToCallNow()
    {
        Assert.StartsWith("Please call your oncology team's triage line or emergency services now.", RedFlagScreener.Screen("chest pain").ImmediateAnswer, StringComparison.Ordinal);
    }

    [Fact]
    public void ImmediateAnswer_SameDayFlag_IsNull()
    {
        Assert.Null(RedFlagScreener.Screen("arm puffy").ImmediateAnswer);
    }

    [Fact]
    public void ReplyFindings_FluLikeAfterSession_LowersTheNextPlan()
    {
        var findings = ReplyFindings.From(RedFlagScreener.Screen("wiped out and achy all over"), new DateOnly(2026, 11, 25));

        var plan = new AdaptationEngine().Evaluate(findings, new DateOnly(2026, 11, 26));

        Assert.Equal((3, 45), (plan.MaxPressure, plan.MaxSessionMinutes));
    }
}
