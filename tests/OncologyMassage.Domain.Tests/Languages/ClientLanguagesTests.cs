using System.Globalization;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Tests.Languages;

public sealed class ClientLanguagesTests
{
    [Theory]
    [InlineData("es", "es")]
    [InlineData("ES", "es")]
    [InlineData("es-MX", "es-MX")]
    [InlineData("es-419", "es-419")]
    [InlineData(" es-US ", "es-US")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en-US")]
    public void Resolve_TranslatedLanguageOrItsRegion_KeepsIt(string tag, string expected)
    {
        Assert.Equal(expected, ClientLanguages.Resolve(tag).Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("fr")]
    [InlineData("zh-Hant-TW")]
    [InlineData("not a language tag!")]
    public void Resolve_MissingUnknownOrUntranslated_IsEnglish(string? tag)
    {
        Assert.Equal("en", ClientLanguages.Resolve(tag).Name);
    }

    [Fact]
    public void Available_TheShippedTranslations_AreEnglishAndSpanish()
    {
        Assert.Equal(["en", "es"], ClientLanguages.Available().Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IsTranslated_ARegionOfSpanish_IsNotItselfTranslated()
    {
        // A text read for es-MX first (as a Mexican client's message is): the ResourceManager then caches the Spanish set
        // under es-MX too, which must not make es-MX look translated (it failed this way on a fresh clone, by test order).
        _ = OncologyMassage.Domain.Languages.ClientText.Get(CultureInfo.GetCultureInfo("es-MX"), "OptOut_Sms");

        Assert.Equal((true, false), (ClientLanguages.IsTranslated(CultureInfo.GetCultureInfo("es")), ClientLanguages.IsTranslated(CultureInfo.GetCultureInfo("es-MX"))));
    }
}
