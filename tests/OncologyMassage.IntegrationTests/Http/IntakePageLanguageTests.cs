using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>The intake link opens in the referral's language, once the link is checked (#17 item 3).</summary>
public sealed class IntakePageLanguageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await TestHost.StartAsync(azurite);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task<string> SubmitSpanishReferralAsync()
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["client"]!["preferredLanguage"] = "es-MX"));
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task ShowIntakeForm_SpanishReferral_ShowsTheFormInSpanish()
    {
        var id = await SubmitSpanishReferralAsync();

        using var page = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Intake, id), TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            (HttpStatusCode.OK, true, true, false),
            (page.StatusCode, html.Contains("<html lang=\"es\">", StringComparison.Ordinal), html.Contains("Su salud antes de su primera sesión", StringComparison.Ordinal),
             html.Contains("Your health before your first session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ShowIntakeForm_EnglishReferral_ShowsTheFormInEnglish()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);

        using var page = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Intake, id), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal((true, true), (html.Contains("<html lang=\"en\">", StringComparison.Ordinal), html.Contains("Your health before your first session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SubmitIntakeForm_SpanishReferralInvalid_ExplainsInSpanishAndStoresNothing()
    {
        var id = await SubmitSpanishReferralAsync();

        using var problem = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Intake, id),
            new Dictionary<string, string> { ["cancerType"] = "", ["permissionToContactCareTeam"] = "yes" }, acceptJson: true);

        var errors = (await problem.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal((HttpStatusCode.BadRequest, "Indíquenos el tipo de cáncer (por ejemplo \"cáncer de mama\")."),
            (problem.StatusCode, errors.GetProperty("cancerType")[0].GetString()));
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes));
    }

    [Fact]
    public async Task SubmitIntakeForm_SpanishReferralSentTwice_RefusesInSpanish()
    {
        var id = await SubmitSpanishReferralAsync();
        var link = ClientLinks.Link(host, LinkPurposes.Intake, id);
        using var first = await ClientLinks.PostFormAsync(host, link, new Dictionary<string, string> { ["cancerType"] = "Cáncer de mama" });

        using var again = await host.Http.GetAsync(link, TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, true),
            (first.StatusCode, again.StatusCode, html.Contains("Sus respuestas ya fueron enviadas", StringComparison.Ordinal)));
    }
}
