using System.Net;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Layout;

/// <summary>
/// The language of a page shown before a link names a referral (#17 item 3): the browser's first language that has
/// client pages, else English; and the refusal pages' words in it.
/// </summary>
public sealed class PageLanguageChoiceTests
{
    [Theory]
    [InlineData(new[] { "es" }, "es")]
    [InlineData(new[] { "es-MX", "en" }, "es-MX")]
    [InlineData(new[] { "fr", "es-419", "en" }, "es-419")]
    [InlineData(new[] { "en-US", "es" }, "en-US")]
    [InlineData(new[] { "fr", "de" }, "en")]
    [InlineData(new[] { "*", "not a tag!" }, "en")]
    [InlineData(new string[0], "en")]
    public void UseFirstOffered_BrowserLanguages_FirstWithPagesElseEnglish(string[] accepted, string expected)
    {
        var chosen = PageLanguage.UseFirstOffered(accepted);

        Assert.Equal((expected, expected), (chosen.Name, PageLanguage.Current.Name));
    }

    [Fact]
    public async Task NotValidPage_BrowserInSpanish_IsInSpanishWithItsLangAttribute()
    {
        PageLanguage.UseFirstOffered(["es-ES"]);

        var html = WebUtility.HtmlDecode(await PageRenderer.Standalone.MessageAsync(LinkStrings.NotValid, LinkStrings.NotValidDetail));

        Assert.Equal((true, true, false), (html.Contains("<html lang=\"es\">", StringComparison.Ordinal),
            html.Contains("<h1>Este enlace no es válido</h1>", StringComparison.Ordinal), html.Contains("not valid", StringComparison.Ordinal)));
    }

    [Fact]
    public void TooManyAttemptsDetail_Spanish_SaysTheMinutes()
    {
        PageLanguage.Use("es");

        Assert.Equal("No se pudieron leer demasiados enlaces abiertos desde esta conexión. Espere 5 minutos y vuelva a abrir el enlace del mensaje.",
            LinkStrings.TooManyAttemptsDetail(5));
    }
}
