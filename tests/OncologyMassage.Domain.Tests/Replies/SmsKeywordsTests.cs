using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData(" Stop. ")]
    [InlineData("STOPALL")]
    [InlineData("unsubscribe")]
    [InlineData("Cancel")]
    [InlineData("END")]
    [InlineData("quit!")]
    public void Classify_StopVariant_ReturnsStop(string body) => Assert.Equal(SmsKeyword.Stop, SmsKeywords.Classify(body));

    [Theory]
    [InlineData("START")]
    [InlineData("start")]
    [InlineData("Unstop")]
    public void Classify_StartVariant_ReturnsStart(string body) => Assert.Equal(SmsKeyword.Start, SmsKeywords.Classify(body));

    [Theory]
    [InlineData("HELP")]
    [InlineData("help?")]
    [InlineData("Info")]
    public void Classify_HelpVariant_ReturnsHelp(string body) => Assert.Equal(SmsKeyword.Help, SmsKeywords.Classify(body));

    [Theory]
    [InlineData("7")]
    [InlineData("pain 3 anxiety 2")]
    [InlineData("stop the reminders please")]
    [InlineData("I can't stop coughing")]
    [InlineData("need help breathing")]
    [InlineData("stopp")]
    [InlineData("")]
    [InlineData(null)]
    public void Classify_OrdinaryReply_ReturnsNull(string? body) => Assert.Null(SmsKeywords.Classify(body));

    [Fact]
    public void Normalize_KeywordWithCaseAndPunctuation_ReturnsUpperCaseWord() => Assert.Equal("UNSUBSCRIBE", SmsKeywords.Normalize(" unsubscribe. "));

    [Fact]
    public void Normalize_OrdinaryReply_ReturnsNull() => Assert.Null(SmsKeywords.Normalize("pain 3"));
}
