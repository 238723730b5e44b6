using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

/// <summary>The Spanish keywords (Keywords_* in ClientMessages.es.resx), as clients type them: any case, accents or not.</summary>
public sealed class SmsKeywordsSpanishTests
{
    [Theory]
    [InlineData("PARAR")]
    [InlineData("parar")]
    [InlineData("Para.")]
    [InlineData("alto!")]
    [InlineData("BAJA")]
    [InlineData("Cancelar")]
    [InlineData("detener")]
    [InlineData("No más")]
    [InlineData("NO MAS")]
    [InlineData("no  mas")]
    [InlineData("¡Parar!")]
    [InlineData("darse de baja")]
    public void Classify_SpanishStop_ReturnsStop(string body) => Assert.Equal(SmsKeyword.Stop, SmsKeywords.Classify(body));

    [Theory]
    [InlineData("INICIAR")]
    [InlineData("comenzar")]
    [InlineData("Reanudar")]
    public void Classify_SpanishStart_ReturnsStart(string body) => Assert.Equal(SmsKeyword.Start, SmsKeywords.Classify(body));

    [Theory]
    [InlineData("AYUDA")]
    [InlineData("ayuda?")]
    [InlineData("¿Ayuda?")]
    [InlineData("Información")]
    [InlineData("informacion")]
    public void Classify_SpanishHelp_ReturnsHelp(string body) => Assert.Equal(SmsKeyword.Help, SmsKeywords.Classify(body));

    [Theory]
    [InlineData("no puedo parar de toser")]
    [InlineData("necesito ayuda para respirar")]
    [InlineData("paro")]
    [InlineData("no")]
    [InlineData("si")]
    public void Classify_OrdinarySpanishReply_ReturnsNull(string body) => Assert.Null(SmsKeywords.Classify(body));

    [Theory]
    [InlineData("PARAR", "es")]
    [InlineData("ayuda", "es")]
    [InlineData("STOP", "en")]
    [InlineData("Help", "en")]
    public void LanguageOf_Keyword_IsTheLanguageItWasTypedIn(string body, string expected) =>
        Assert.Equal(expected, SmsKeywords.LanguageOf(body)?.Name);

    [Fact]
    public void Normalize_SpanishStop_KeepsTheWordAsSent() => Assert.Equal("NO MÁS", SmsKeywords.Normalize(" no más! "));
}
