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

    [Theory]
    [InlineData("no fever")]
    [InlineData("not short of breath")]
    [InlineData("No sob, no cp")]
    [InlineData("didn't faint, just sleepy")]
    [InlineData("pain free today")]
    [InlineData("no dizziness")]
    [InlineData("blood test tomorrow, feeling fine")]
    [InlineData("a lot of blood tests this week but all good")]
    public void Screen_NegatedOrNotASymptom_NotFlagged(string reply)
    {
        Assert.Equal(RedFlagLevel.None, RedFlagScreener.Screen(reply).Level);
    }

    [Theory]
    [InlineData("sob")]
    [InlineData("bad cp tonight")]
    [InlineData("temp 100.8")]
    public void Screen_Abbreviation_Immediate(string reply)
    {
        Assert.Equal(RedFlagLevel.Immediate, RedFlagScreener.Screen(reply).Level);
    }

    [Theory]
    [InlineData("dizzy all afternoon")]
    [InlineData("diarrhoea since yesterday")]
    [InlineData("my feet are numb")]
    [InlineData("stomach pain")]
    public void Screen_SymptomItCannotGrade_SameDayNeedsReview(string reply)
    {
        var result = RedFlagScreener.Screen(reply);

        Assert.Equal((RedFlagLevel.SameDay, true), (result.Level, result.Reasons.Contains(RedFlagScreener.NeedsReview)));
    }

    [Theory]
    [InlineData("headache gone now")]
    [InlineData("nausea much better since the massage")]
    [InlineData("breathing fine")]
    [InlineData("pain 2")]
    public void Screen_UngradedSymptomBetterOrRated_NotFlagged(string reply)
    {
        Assert.Equal(RedFlagLevel.None, RedFlagScreener.Screen(reply).Level);
    }

    [Theory]
    [InlineData("2 9 1 1", RedFlagScreener.FluLikeOrSevereFatigue)]
    [InlineData("pain 8 tired 2", RedFlagScreener.SevereRating)]
    [InlineData("9", RedFlagScreener.SevereRating)]
    [InlineData("8/10 pain today", RedFlagScreener.SevereRating)]
    public void Screen_RatingOf7OrMore_SameDay(string reply, string reason)
    {
        var result = RedFlagScreener.Screen(reply);

        Assert.Equal((RedFlagLevel.SameDay, true), (result.Level, result.Reasons.Contains(reason)));
    }

    [Theory]
    [InlineData("3 2 1 0")]
    [InlineData("6 4 2 3")]
    [InlineData("pain 2, tired 3, nausea 0, worry 1")]
    public void Screen_RatingsBelow7_NotFlagged(string reply)
    {
        Assert.Equal(RedFlagLevel.None, RedFlagScreener.Screen(reply).Level);
    }

    [Fact]
    public void Screen_ExceptionOnOneTerm_DoesNotSilenceTheFlagsOtherTerms()
    {
        Assert.Equal(
            (RedFlagLevel.None, RedFlagLevel.Immediate),
            (RedFlagScreener.Screen("a bit confused about when my next appointment is").Level, RedFlagScreener.Screen("she's not making sense when she speaks").Level));
    }

    [Fact]
    public void Screen_SwellingWentDown_NotFlagged()
    {
        Assert.Equal(RedFlagLevel.None, RedFlagScreener.Screen("the swelling went down overnight").Level);
    }

    [Fact]
    public void Screen_SwellingHasNotGoneDown_Flagged()
    {
        Assert.Equal(RedFlagLevel.SameDay, RedFlagScreener.Screen("the swelling hasn't gone down").Level);
    }

    [Fact]
    public void Screen_LongestSmsWithFlagAtTheEnd_ImmediateNotTheTimeoutFallback()
    {
        // A regex timeout would fall back to same day; reaching Immediate shows every pattern finished in time.
        var reply = string.Concat(Enumerable.Repeat("feeling fine today and thank you so much for the lovely massage ", 25)) + "but now chest pain";

        Assert.Equal(RedFlagLevel.Immediate, RedFlagScreener.Screen(reply).Level);
    }

    [Theory]
    [InlineData("Nothing new, slept well", RedFlagLevel.None)]
    [InlineData("no problems, thank you", RedFlagLevel.None)]
    [InlineData("no problems since, thank you", RedFlagLevel.None)]
    [InlineData("all fine", RedFlagLevel.None)]
    [InlineData("my left arm is a bit puffy since the massage", RedFlagLevel.SameDay)]
    [InlineData("wiped out and achy all over since yesterday", RedFlagLevel.SameDay)]
    [InlineData("I have chest pain and I am coughing blood", RedFlagLevel.Immediate)]
    public void Screen_RepliesTheDemoAndEndToEndTestsSend_KeepTheirLevel(string reply, RedFlagLevel expected)
    {
        Assert.Equal(expected, RedFlagScreener.Screen(reply).Level);
    }
}
