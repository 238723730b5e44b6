using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Intake;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Intake;

/// <summary>The intake page, its choices and its own validation messages in the referral's language (Languages/ClientPages*.resx, Intake_*).</summary>
public sealed class IntakePageLanguageTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static async Task<string> RenderAsync(FormErrors? errors = null) =>
        WebUtility.HtmlDecode(await PageRenderer.Standalone.RenderAsync<IntakePage>(new Dictionary<string, object?>
        {
            [nameof(IntakePage.GivenName)] = "Ana",
            [nameof(IntakePage.Form)] = new IntakeFormModel(),
            [nameof(IntakePage.Errors)] = errors ?? FormErrors.None,
            [nameof(IntakePage.RespondBy)] = new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero),
        })); // Razor writes á as &#xE1;

    [Theory]
    [InlineData("es")]
    [InlineData("es-MX")]
    public async Task Render_SpanishClient_IsInSpanishThroughout(string language)
    {
        PageLanguage.Use(language);

        var html = await RenderAsync();

        Assert.Equal(
            (true, true, true, true, true, true, true),
            (html.Contains("<html lang=\"es\">", StringComparison.Ordinal),
             html.Contains("Su salud antes de su primera sesión", StringComparison.Ordinal),
             html.Contains("Hola, Ana.", StringComparison.Ordinal) && html.Contains("a más tardar el 9 de diciembre de 2026", StringComparison.Ordinal),
             html.Contains("Quimioterapia", StringComparison.Ordinal),
             html.Contains(">De la axila</option>", StringComparison.Ordinal),
             html.Contains(">Cabeza y cuello</option>", StringComparison.Ordinal) && html.Contains(">Izquierdo</option>", StringComparison.Ordinal),
             html.Contains(">0 (nada)</option>", StringComparison.Ordinal) && html.Contains("Enviar mis respuestas", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Render_SpanishClient_LeavesNoEnglishWordOfTheIntake()
    {
        PageLanguage.Use("en");
        var english = await RenderAsync();
        PageLanguage.Use("es");

        var spanish = await RenderAsync();

        // Sample of the English page's words across every section, choices and the layout: none is left in the Spanish page.
        var words = new[]
        {
            "Your health before your first session", "Your cancer and treatments", "Chemotherapy", "Surgeries", "From the armpit", "Tissue expander",
            "Looks normal", "Medical devices", "Port (implanted under the skin)", "Platelets", "I don't know", "Blood clots", "Bones and brain",
            "Numbness or tingling", "I have lymphedema", "Skin changes", "How you feel now", "Worry or anxiety", "Lying face down", "Head and neck",
            "Both sides", "0 (none)", "10 (worst)", "Not answered", "Your goals and your care team", "Send my answers", "This link works once",
        };
        Assert.All(words, w => Assert.Contains(w, english, StringComparison.Ordinal));
        Assert.All(words, w => Assert.DoesNotContain(w, spanish, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Render_EnglishUnknownOrUntranslatedLanguage_IsInEnglish(string? language)
    {
        PageLanguage.Use(language);

        var html = await RenderAsync();

        Assert.Equal(
            (true, true, true, false),
            (html.Contains("<html lang=\"en\">", StringComparison.Ordinal), html.Contains("Your health before your first session", StringComparison.Ordinal),
             html.Contains("Please answer by 2026-12-09.", StringComparison.Ordinal), html.Contains("Su salud", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_SpanishClient_ExplainsThePageOwnErrorsInSpanish()
    {
        PageLanguage.Use("es");
        var (_, errors) = FormBinder.Bind<IntakeFormModel>(new FormCollection(new Dictionary<string, StringValues>
        {
            ["surgeries[1].procedure"] = "Lumpectomía", ["labs.anc.value"] = "muchos", ["today.temperatureCelsius"] = "caliente",
        })).Validate(Today);

        Assert.Equal(
            ("Indíquenos el tipo de cáncer (por ejemplo \"cáncer de mama\").", "Cirugía 2: indique la operación y su fecha.",
             "Escriba el número como aparece en su informe de laboratorio, o marque \"No lo sé\".",
             "Escriba su temperatura como un número, por ejemplo 37.2 (°C) o 99.0 (°F)."),
            (errors.MessageOf("cancerType"), errors.MessageOf("surgeries[1]"), errors.MessageOf("labs.anc.value"), errors.MessageOf("today.temperatureCelsius")));
    }

    [Fact]
    public async Task Render_SpanishErrors_ShowsThemUnderTheSpanishSummary()
    {
        PageLanguage.Use("es");
        var (_, errors) = new IntakeFormModel().Validate(Today);

        var html = await RenderAsync(errors);

        Assert.Equal((true, true), (html.Contains("Indíquenos el tipo de cáncer", StringComparison.Ordinal), html.Contains("Por favor corrija lo siguiente:", StringComparison.Ordinal)));
    }
}
