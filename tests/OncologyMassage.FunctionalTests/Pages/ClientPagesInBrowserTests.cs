using Microsoft.Playwright;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http;
using OncologyMassage.FunctionalTests.Dashboard;
using OncologyMassage.Pages.Consent;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Intake;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Release;
using OncologyMassage.Pages.Survey;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.FunctionalTests.Pages;

/// <summary>
/// The signed-link pages as rendered by their components, served with the pages' own CSP to headless Chromium at a phone's
/// width: the inline style sheet applies under the CSP, nothing scrolls sideways, and axe finds no WCAG A/AA violation.
/// One page for the class (<see cref="RenderedPageTab"/>); each test opens its own rendered HTML in it.
/// </summary>
public sealed class ClientPagesInBrowserTests(ChromiumFixture chromium, RenderedPageTab tab) : IClassFixture<RenderedPageTab>
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static ReferralRecord Referral() => new("ref-1", "practice-1", new Referral(
        new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550143", "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), "harbor", ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [new Treatment(TreatmentType.Chemotherapy, new DateOnly(2026, 9, 1), null)],
            [new Precaution(PrecautionCode.Port, BodyRegion.Chest, BodySide.Right, null)]), null, 3),
        Stage.MdReleaseRequested, 2, At, At, null);

    private static Venue InHome() => new("home", "Harbor at Home", VenueType.InHome, "America/New_York", "Cambridge and Somerville", "c@example.org",
        new ConsentDocument("2026-11", "Consent to oncology massage at home", "You agree that…\nYou may stop at any time."), []);

    private static Task<string> RenderAsync(string name)
    {
        var pages = PageRenderer.Standalone;
        var plan = new AdaptationEngine().Evaluate([new Finding(PrecautionCode.Port, new BodySite(BodyRegion.Chest, BodySide.Right))], DateOnly.FromDateTime(At.UtcDateTime));
        var invalid = new ReleaseFormModel { Decision = "restrict", Sites = [new SiteRow { Region = "elbow" }] };
        var invalidIntake = new IntakeFormModel
        {
            Surgeries = [new SurgeryRow { Procedure = "Lumpectomy", Region = "chest", Nodes = "armpit" }],
            Clots = [new ClotRow { Region = "leg", Date = "last spring" }],
            Labs = new LabRows { Platelets = new LabRow { Value = "many" } },
        };
        return name switch
        {
            "release" or "release-errors" => pages.RenderAsync<ReleasePage>(new Dictionary<string, object?>
            {
                [nameof(ReleasePage.Referral)] = Referral(),
                [nameof(ReleasePage.Plan)] = plan,
                [nameof(ReleasePage.Form)] = name == "release" ? new ReleaseFormModel() : invalid,
                [nameof(ReleasePage.Errors)] = name == "release" ? FormErrors.None : invalid.Validate(At).Errors,
                [nameof(ReleasePage.RespondBy)] = At.AddDays(7),
                [nameof(ReleasePage.VenueName)] = "Harbor Wellness",
            }),
            "intake" or "intake-errors" => pages.RenderAsync<IntakePage>(new Dictionary<string, object?>
            {
                [nameof(IntakePage.GivenName)] = "Ada",
                [nameof(IntakePage.Form)] = name == "intake" ? new IntakeFormModel() : invalidIntake,
                [nameof(IntakePage.Errors)] = name == "intake" ? FormErrors.None : invalidIntake.Validate(DateOnly.FromDateTime(At.UtcDateTime)).Errors,
                [nameof(IntakePage.RespondBy)] = At.AddDays(7),
            }),
            "survey-errors" => pages.RenderAsync<SurveyPage>(new Dictionary<string, object?>
            {
                [nameof(SurveyPage.GivenName)] = "Ada",
                [nameof(SurveyPage.Kind)] = FollowUpKind.Email7Days,
                [nameof(SurveyPage.SessionNumber)] = 1,
                [nameof(SurveyPage.Errors)] = new SurveyFormModel().Validate().Errors,
            }),
            "consent-errors" => pages.RenderAsync<ConsentPage>(new Dictionary<string, object?>
            {
                [nameof(ConsentPage.GivenName)] = "Ada",
                [nameof(ConsentPage.Venue)] = InHome(),
                [nameof(ConsentPage.Errors)] = new ConsentFormModel().Validate(InHome()),
                [nameof(ConsentPage.RespondBy)] = At.AddDays(7),
            }),
            _ => pages.RenderAsync<WithdrawalPage>(new Dictionary<string, object?>
            {
                [nameof(WithdrawalPage.GivenName)] = "Ada",
                [nameof(WithdrawalPage.VenueName)] = "Harbor at Home",
            }),
        };
    }

    [Theory]
    [InlineData("release")]
    [InlineData("release-errors")]
    [InlineData("intake")]
    [InlineData("intake-errors")]
    [InlineData("survey-errors")]
    [InlineData("consent-errors")]
    [InlineData("withdrawal")]
    public async Task ClientPage_AtPhoneWidthUnderItsCsp_IsStyledFitsAndHasNoAxeViolations(string name)
    {
        var html = await RenderAsync(name);
        var page = await tab.OpenAsync(await chromium.BrowserAsync(), html);

        var button = await page.EvalOnSelectorAsync<string>("button", "b => getComputedStyle(b).backgroundColor");
        var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        var violations = await Axe.RunAsync(page);

        Assert.Equal("rgb(0, 90, 158)", button);
        Assert.True(fits, $"The {name} page scrolls sideways at 390 px.");
        Assert.True(violations.Length == 0, $"axe found in the {name} page:\n{string.Join("\n", violations)}");
    }
}
