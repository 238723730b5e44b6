using System.Net;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Pages.Consent;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Layout;

/// <summary>"How to reach {venue}" under a client page: the venue's phone and directions, only when it has them, encoded.</summary>
public sealed class VenueReachTests
{
    private static Venue Venue(string? phone = null, string? directions = null) =>
        new("harbor", "Harbor Wellness", VenueType.InfusionCenter, "America/New_York", "Cambridge", "c@example.org",
            new ConsentDocument("2026-11", "Consent to oncology massage", "Text"), []) { Phone = phone, Directions = directions };

    private static Task<string> RenderAsync(Venue venue) =>
        PageRenderer.Standalone.RenderAsync<ConsentPage>(new Dictionary<string, object?>
        {
            [nameof(ConsentPage.GivenName)] = "Ana",
            [nameof(ConsentPage.Venue)] = venue,
            [nameof(ConsentPage.Form)] = new ConsentFormModel(),
            [nameof(ConsentPage.Errors)] = FormErrors.None,
            [nameof(ConsentPage.RespondBy)] = Samples.At,
        });

    [Fact]
    public async Task RenderConsent_VenueWithPhoneAndDirections_ShowsThemEncoded()
    {
        PageLanguage.Use("en");

        // Razor encodes the '+' of the number too (&#x2B;), which a browser reads back as '+'.
        var html = await RenderAsync(Venue("+16175550100", "Side door <script>alert(1)</script> & lift to floor 2"));

        Assert.Equal(
            (true, true, true, false),
            (html.Contains("How to reach Harbor Wellness", StringComparison.Ordinal), html.Contains("<a href=\"tel:&#x2B;16175550100\">&#x2B;16175550100</a>", StringComparison.Ordinal),
             html.Contains("Side door &lt;script&gt;alert(1)&lt;/script&gt; &amp; lift to floor 2", StringComparison.Ordinal),
             html.Contains("<script", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task RenderConsent_VenueWithNeither_ShowsNoBlock()
    {
        PageLanguage.Use("en");

        var html = await RenderAsync(Venue(directions: "  "));

        Assert.DoesNotContain("How to reach", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderConsent_SpanishClientVenueWithDirectionsOnly_ShowsThemInSpanishWithoutAPhone()
    {
        PageLanguage.Use("es");

        var html = WebUtility.HtmlDecode(await RenderAsync(Venue(directions: "Entrada lateral")));

        Assert.Equal((true, true, false),
            (html.Contains("Cómo comunicarse con Harbor Wellness y cómo llegar", StringComparison.Ordinal), html.Contains("Cómo llegar: Entrada lateral", StringComparison.Ordinal),
             html.Contains("tel:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RenderIntake_SpanishClientVenueWithPhone_ClosesTheFormWithHowToReach()
    {
        PageLanguage.Use("es");

        var html = WebUtility.HtmlDecode(await PageRenderer.Standalone.RenderAsync<OncologyMassage.Pages.Intake.IntakePage>(new Dictionary<string, object?>
        {
            [nameof(OncologyMassage.Pages.Intake.IntakePage.GivenName)] = "Ana",
            [nameof(OncologyMassage.Pages.Intake.IntakePage.Venue)] = Venue("+16175550100"),
            [nameof(OncologyMassage.Pages.Intake.IntakePage.RespondBy)] = Samples.At,
        }));

        Assert.Equal((true, true), (html.Contains("Cómo comunicarse con Harbor Wellness y cómo llegar", StringComparison.Ordinal), html.Contains("Teléfono: <a href=\"tel:+16175550100\">", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("en", "How to reach Harbor Wellness", "Directions: North door, lift to level 2")]
    [InlineData("es", "Cómo comunicarse con Harbor Wellness y cómo llegar", "Cómo llegar: North door, lift to level 2")]
    public async Task RenderSurvey_VenueWithPhoneAndDirections_ClosesTheFormWithHowToReach(string language, string heading, string directions)
    {
        PageLanguage.Use(language);

        var html = WebUtility.HtmlDecode(await PageRenderer.Standalone.RenderAsync<OncologyMassage.Pages.Survey.SurveyPage>(new Dictionary<string, object?>
        {
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.GivenName)] = "Ana",
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.Kind)] = OncologyMassage.Workflow.Ports.FollowUpKind.Email7Days,
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.SessionNumber)] = 1,
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.Venue)] = Venue("+16175550100", "North door, lift to level 2"),
        }));

        Assert.Equal((true, true, true),
            (html.Contains(heading, StringComparison.Ordinal), html.Contains("<a href=\"tel:+16175550100\">", StringComparison.Ordinal),
             html.Contains(directions, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RenderSurvey_NoVenue_ShowsNoBlock()
    {
        PageLanguage.Use("en");

        var html = await PageRenderer.Standalone.RenderAsync<OncologyMassage.Pages.Survey.SurveyPage>(new Dictionary<string, object?>
        {
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.GivenName)] = "Ana",
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.Kind)] = OncologyMassage.Workflow.Ports.FollowUpKind.Email7Days,
            [nameof(OncologyMassage.Pages.Survey.SurveyPage.SessionNumber)] = 1,
        });

        Assert.DoesNotContain("How to reach", html, StringComparison.Ordinal);
    }
}
