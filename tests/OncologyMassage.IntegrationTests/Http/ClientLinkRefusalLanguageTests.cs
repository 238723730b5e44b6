using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// The refusals a client link can give, in the client's language (#17 item 3): the referral's language once the link names
/// a known referral (expired, closed, already answered), the browser's Accept-Language among the languages with files
/// before that (damaged link, too many attempts), English otherwise; problem details for JSON callers stay English, and
/// oncologist links stay English. The intake's clinical checks (the domain validator's) reach a Spanish client in Spanish.
/// </summary>
public sealed class ClientLinkRefusalLanguageTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private const string SpanishBrowser = "es-MX,es;q=0.9,en;q=0.5";
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> SubmitReferralAsync(string language)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["client"]!["preferredLanguage"] = language));
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string link, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct))); // Razor writes á as &#xE1;
    }

    private static bool Says(string html, string language, string heading) =>
        html.Contains($"<html lang=\"{language}\">", StringComparison.Ordinal) && html.Contains($"<h1>{heading}</h1>", StringComparison.Ordinal);

    [Theory]
    [InlineData(SpanishBrowser, "es", "Este enlace no es válido")]
    [InlineData("fr-FR,de;q=0.8,es;q=0.5", "es", "Este enlace no es válido")]
    [InlineData("es;q=0.4,en-US", "en", "This link is not valid")]
    [InlineData("fr-FR,de;q=0.8", "en", "This link is not valid")]
    [InlineData(null, "en", "This link is not valid")]
    public async Task ShowIntakeForm_TamperedLink_IsInTheBrowsersFirstLanguageWithPagesElseEnglish(string? acceptLanguage, string language, string heading)
    {
        var id = await SubmitReferralAsync("es");

        var (status, html) = await GetAsync(host.Http, ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Intake, id)), acceptLanguage);

        Assert.Equal((HttpStatusCode.NotFound, true), (status, Says(html, language, heading)));
    }

    [Fact]
    public async Task ShowIntakeForm_TamperedLinkAskedForJsonInSpanish_AnswersProblemDetailsInEnglish()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Intake, "ref-none")));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("Accept-Language", "es");

        using var response = await host.Http.SendAsync(request, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json", "This link is not valid"),
            (response.StatusCode, response.Content.Headers.ContentType?.MediaType, problem.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("es-MX", "en-US", "es", "Este enlace ha vencido")]
    [InlineData("en", SpanishBrowser, "en", "This link has expired")]
    public async Task ShowIntakeForm_ExpiredLink_IsInTheReferralsLanguageWhateverTheBrowser(string referralLanguage, string acceptLanguage, string language, string heading)
    {
        var id = await SubmitReferralAsync(referralLanguage);

        var (status, html) = await GetAsync(host.Http, ClientLinks.Link(host, LinkPurposes.Intake, id, TimeSpan.FromDays(-1)), acceptLanguage);

        Assert.Equal((HttpStatusCode.Gone, true), (status, Says(html, language, heading)));
    }

    [Fact]
    public async Task ShowConsentForm_SpanishReferralClosed_RefusesInSpanish()
    {
        var id = await SubmitReferralAsync("es");
        await host.MoveAsync(id, Stage.Cancelled, sequence: 10_000);

        var (status, html) = await GetAsync(host.Http, ClientLinks.Link(host, LinkPurposes.Consent, id), "en-US");

        Assert.Equal((HttpStatusCode.Conflict, true, true),
            (status, Says(html, "es", "Esta derivación está cerrada"), html.Contains("No hay nada más que completar.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ShowIntakeForm_TooManyTamperedLinksFromASpanishBrowser_Returns429PageInSpanishWithRetryAfter()
    {
        using var client = host.From("127.0.0.91");
        var link = ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Intake, "ref-none"));
        HttpResponseMessage? last = null;
        try
        {
            for (var i = 0; i < 100 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
            {
                last?.Dispose();
                using var request = new HttpRequestMessage(HttpMethod.Get, link);
                request.Headers.TryAddWithoutValidation("Accept-Language", SpanishBrowser);
                last = await client.SendAsync(request, Ct);
            }

            var html = WebUtility.HtmlDecode(await last!.Content.ReadAsStringAsync(Ct));
            Assert.Equal((HttpStatusCode.TooManyRequests, "text/html", true, true),
                (last.StatusCode, last.Content.Headers.ContentType?.MediaType, Says(html, "es", "Demasiados intentos"), last.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        }
        finally
        {
            last?.Dispose();
        }
    }

    [Fact]
    public async Task ShowCareTeamSummary_TamperedLinkFromASpanishBrowser_StaysEnglish()
    {
        var id = await SubmitReferralAsync("es");

        var (status, html) = await GetAsync(host.Http, ClientLinks.Tampered(ClientLinks.Link(host, LinkPurposes.Summary, id)), SpanishBrowser);

        Assert.Equal((HttpStatusCode.NotFound, true), (status, Says(html, "en", "This link is not valid")));
    }

    [Fact]
    public async Task SubmitIntakeForm_SpanishReferralBreaksACrossFieldRule_ExplainsInSpanishAndStoresNothing()
    {
        var id = await SubmitReferralAsync("es-MX");
        var answers = new Dictionary<string, string>
        {
            ["cancerType"] = "Cáncer de mama",
            ["surgeries[0].procedure"] = "Tumorectomía",
            ["surgeries[0].date"] = "2026-06-02",
            ["surgeries[0].region"] = "chest",
            ["surgeries[0].side"] = "left",
            ["surgeries[0].nodes"] = "armpit",
            ["treatments.chemotherapy.taken"] = "yes",
            ["treatments.chemotherapy.start"] = "2026-07-01",
            ["treatments.chemotherapy.end"] = "2026-06-01",
        };

        using var page = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Intake, id), answers);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));

        Assert.Equal((HttpStatusCode.BadRequest, true, true, true, false),
            (page.StatusCode, html.Contains("<html lang=\"es\">", StringComparison.Ordinal),
             html.Contains("Ganglios linfáticos extirpados: indique el lado (izquierdo o derecho).", StringComparison.Ordinal),
             html.Contains("La fecha de fin de un tratamiento debe ser igual o posterior a la de inicio.", StringComparison.Ordinal),
             html.Contains("give the side", StringComparison.Ordinal)));
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes, id));
    }
}
