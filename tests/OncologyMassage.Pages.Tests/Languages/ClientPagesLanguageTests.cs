using System.Collections;
using System.Globalization;
using System.Net;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Pages.Consent;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Survey;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Pages.Tests.Languages;

/// <summary>The client pages in the referral's language (Languages/ClientPages.resx and its translations).</summary>
public sealed class ClientPagesLanguageTests
{
    private static Dictionary<string, object?> Survey() => new()
    {
        [nameof(SurveyPage.GivenName)] = "Ana",
        [nameof(SurveyPage.Kind)] = FollowUpKind.Email7Days,
        [nameof(SurveyPage.SessionNumber)] = 2,
    };

    [Fact]
    public async Task RenderSurvey_SpanishClient_IsInSpanish()
    {
        PageLanguage.Use("es-MX");

        var html = WebUtility.HtmlDecode(await PageRenderer.Standalone.RenderAsync<SurveyPage>(Survey())); // Razor writes á as &#xE1;

        Assert.Equal(
            (true, true, true, false),
            (html.Contains("<html lang=\"es\">", StringComparison.Ordinal), html.Contains("¿Cómo se ha sentido desde su sesión?", StringComparison.Ordinal),
             html.Contains("Ha pasado una semana desde su sesión 2.", StringComparison.Ordinal), html.Contains("How have you been", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task RenderSurvey_EnglishUnknownOrUntranslatedLanguage_IsInEnglish(string? language)
    {
        PageLanguage.Use(language);

        var html = await PageRenderer.Standalone.RenderAsync<SurveyPage>(Survey());

        Assert.Equal((true, true), (html.Contains("<html lang=\"en\">", StringComparison.Ordinal), html.Contains("How have you been since your session?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RenderSurvey_ServerCultureSpanishButNoLanguageChosen_IsInEnglish()
    {
        // The thread's culture (a server locale, a browser's Accept-Language) never picks the client's language.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-ES");

        var html = await PageRenderer.Standalone.RenderAsync<SurveyPage>(Survey());

        Assert.Contains("How have you been since your session?", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsentValidation_SpanishClient_ExplainsInSpanish()
    {
        PageLanguage.Use("es");

        Assert.Equal("Marque \"Acepto\" para otorgar su consentimiento.", ConsentStrings.ErrorAgree);
    }

    public static TheoryData<string> Translations() => new(ClientLanguages.Available().Where(c => c.Name != "en").Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_EveryEnglishPageKey_IsPresent(string language)
    {
        var english = Keys(CultureInfo.GetCultureInfo("en"));
        var translated = Keys(CultureInfo.GetCultureInfo(language));

        Assert.Empty(english.Except(translated, StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    private static HashSet<string> Keys(CultureInfo culture) =>
        (PageText.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException(culture.Name))
            .Cast<DictionaryEntry>().Where(e => !string.IsNullOrEmpty((string?)e.Value)).Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
}
