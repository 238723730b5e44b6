using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>The intake link opens in the referral's language, once the link is checked (#17 item 3), and says how to reach the venue (#17 item 4).</summary>
public sealed class IntakePageLanguageTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host; // each test opens the links of a referral it submitted itself

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
        Assert.Empty(await host.RowsAsync(StorageTables.Intakes, id));
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

    [Fact]
    public async Task ShowIntakeForm_VenueWithPhoneAndDirections_SaysHowToReachIt()
    {
        await host.App.Services.GetRequiredService<IVenueStore>().UpsertAsync(new Venue("harbor-infusion-center", "Harbor Infusion Center", VenueType.InfusionCenter,
            "America/New_York", "Boston", "coordinator@example.org", new ConsentDocument("2026-11", "Consent", "Text"),
            [new TherapistAvailability("t-1", "Therapist One", [new WeeklyWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))])])
        { Phone = "+16175550100", Directions = "Main doors, 2nd floor" }, TestContext.Current.CancellationToken);
        var id = await SubmitSpanishReferralAsync();

        using var page = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Intake, id), TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal((true, true, true),
            (html.Contains("Cómo comunicarse con Harbor Infusion Center y cómo llegar", StringComparison.Ordinal), html.Contains("tel:+16175550100", StringComparison.Ordinal),
             html.Contains("Cómo llegar: Main doors, 2nd floor", StringComparison.Ordinal)));
    }
}
