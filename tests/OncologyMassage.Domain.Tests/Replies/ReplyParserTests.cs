using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

public sealed class ReplyParserTests
{
    [Theory]
    [InlineData("STOP", SmsKeyword.Stop)]
    [InlineData("stop", SmsKeyword.Stop)]
    [InlineData(" Stop. ", SmsKeyword.Stop)]
    [InlineData("STOPALL", SmsKeyword.Stop)]
    [InlineData("unsubscribe", SmsKeyword.Stop)]
    [InlineData("CANCEL", SmsKeyword.Stop)]
    [InlineData("End", SmsKeyword.Stop)]
    [InlineData("QUIT!", SmsKeyword.Stop)]
    [InlineData("START", SmsKeyword.Start)]
    [InlineData("unstop", SmsKeyword.Start)]
    [InlineData("HELP", SmsKeyword.Help)]
    [InlineData("info", SmsKeyword.Help)]
    public void Parse_Keyword_Recognised(string reply, SmsKeyword expected)
    {
        var parsed = ReplyParser.Parse(reply);

        Assert.Equal((ReplyKind.Keyword, expected), (parsed.Kind, parsed.Keyword));
    }

    [Theory]
    [InlineData("please stop texting me")]
    [InlineData("I want to cancel my appointment")]
    public void Parse_KeywordInsideASentence_IsFreeText(string reply)
    {
        Assert.Equal(ReplyKind.FreeText, ReplyParser.Parse(reply).Kind);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    [InlineData(" 10 ", 10)]
    [InlineData("7/10", 7)]
    [InlineData("3 out of 10", 3)]
    public void Parse_SingleRating_Score(string reply, int expected)
    {
        var parsed = ReplyParser.Parse(reply);

        Assert.Equal((ReplyKind.Score, (int?)expected), (parsed.Kind, parsed.Score));
    }

    [Fact]
    public void Parse_RatingAboveTen_FreeTextWithProblem()
    {
        var parsed = ReplyParser.Parse("11");

        Assert.Equal((ReplyKind.FreeText, "Ratings are 0 (none) to 10 (worst)."), (parsed.Kind, parsed.Problem));
    }

    [Fact]
    public void Parse_NamedRatings_SymptomScores()
    {
        var parsed = ReplyParser.Parse("pain 3 anxiety 2");

        Assert.Equal(ReplyKind.SymptomScores, parsed.Kind);
        Assert.Equal(new Dictionary<Symptom, int> { [Symptom.Pain] = 3, [Symptom.Anxiety] = 2 }, parsed.Scores);
    }

    [Fact]
    public void Parse_NamedRatingsWithPunctuationAndSynonyms_SymptomScores()
    {
        var parsed = ReplyParser.Parse("Pain: 2, nausea=0, tired 4 and worry 1");

        Assert.Equal(new Dictionary<Symptom, int> { [Symptom.Pain] = 2, [Symptom.Nausea] = 0, [Symptom.Fatigue] = 4, [Symptom.Anxiety] = 1 }, parsed.Scores);
    }

    [Fact]
    public void Parse_FourNumbers_InTheQuestionsOrder()
    {
        var parsed = ReplyParser.Parse("3 2 1 4");

        Assert.Equal(new Dictionary<Symptom, int> { [Symptom.Pain] = 3, [Symptom.Fatigue] = 2, [Symptom.Nausea] = 1, [Symptom.Anxiety] = 4 }, parsed.Scores);
    }

    [Fact]
    public void Parse_RatingsWithComment_FreeTextKeepsTextAndScores()
    {
        const string reply = "pain 3 but my arm feels puffy";

        var parsed = ReplyParser.Parse(reply);

        Assert.Equal((ReplyKind.FreeText, reply, 3), (parsed.Kind, parsed.Text, parsed.Scores[Symptom.Pain]));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("3", 3)]
    [InlineData("option 2", 2)]
    [InlineData("#3", 3)]
    public void Parse_SlotChoiceExpected_Slot(string reply, int expected)
    {
        var parsed = ReplyParser.Parse(reply, ReplyExpectation.SlotChoice);

        Assert.Equal((ReplyKind.SlotChoice, (int?)expected), (parsed.Kind, parsed.Slot));
    }

    [Fact]
    public void Parse_SlotOutOfRange_FreeTextWithProblem()
    {
        var parsed = ReplyParser.Parse("4", ReplyExpectation.SlotChoice, slotCount: 3);

        Assert.Equal("Reply with a number from 1 to 3.", parsed.Problem);
    }

    [Fact]
    public void Parse_FreeText_KeptVerbatim()
    {
        const string reply = "  Feeling good!\nThanks so much ";

        var parsed = ReplyParser.Parse(reply);

        Assert.Equal((ReplyKind.FreeText, reply), (parsed.Kind, parsed.Text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Parse_Blank_Empty(string? reply)
    {
        Assert.Equal(ReplyKind.Empty, ReplyParser.Parse(reply).Kind);
    }
}
