using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OncologyMassage.FunctionalTests.LocalHost;
using OncologyMassage.LocalHost.Azurite;
using static Microsoft.Playwright.Assertions;

namespace OncologyMassage.FunctionalTests.Dashboard;

/// <summary>
/// The coordinators' dashboard against the local host as the README runs it (demo off), in headless Chromium: sign in
/// as the demo coordinator of harbor-infusion-center, watch a referral submitted over the API appear in its column, open
/// its timeline, answer the release from the simulated inbox, watch the card move, reply from the simulated phone.
/// Needs the coordinator API, the dev sign-in and the dev outbox and phone routes (issue #7's API and the messaging work).
/// Runs on the <see cref="SharedLocalHost"/>: everything it checks is about its own referral.
/// </summary>
public sealed partial class DashboardEndToEndTests(ChromiumFixture chromium, SharedLocalHost shared)
{
    private const string Venue = "harbor-infusion-center";

    [Fact]
    public async Task Dashboard_ReferralSubmittedOverTheApi_AppearsInItsColumnAndMovesWhenTheReleaseIsAnswered()
    {
        var browser = await chromium.BrowserAsync();
        // The shared host: this test finds its own referral on the venue's board by id, whatever other tests submitted.
        var host = await shared.HostAsync();
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        SetDefaultExpectTimeout(15_000);

        // This scenario needs the coordinator API and the local host's dev sign-in (issue #7's API work).
        using (var probe = new HttpClient { BaseAddress = host.BaseAddress })
        using (var me = await probe.GetAsync("api/me", TestContext.Current.CancellationToken))
        {
            Assert.True(me.StatusCode == HttpStatusCode.Unauthorized, $"GET /api/me answered {(int)me.StatusCode} without a session; expected 401 from the coordinator API.");
        }

        // Sign in at the root URL as the demo coordinator of the sample referral's venue.
        await page.GotoAsync(host.BaseAddress.ToString());
        var coordinator = page.Locator("#coordinators li").Filter(new() { HasTextRegex = HarborVenue() }).GetByRole(AriaRole.Button);
        await coordinator.ClickAsync();
        await Expect(page.Locator("#filter-venue")).ToHaveValueAsync(Venue);

        // A practice submits the sample referral; the board shows it in MdReleaseRequested.
        var referralId = await SubmitSampleAsync(host.BaseAddress);
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('focus'))");
        var card = page.Locator($"[data-stage=\"MdReleaseRequested\"] .card[data-referral-id=\"{referralId}\"]");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(card).ToContainTextAsync("AS");

        // Its timeline, and the release email in the simulated inbox.
        await card.ClickAsync();
        await Expect(page.Locator("#timeline li[data-stage=\"MdReleaseRequested\"]").First).ToBeVisibleAsync();

        // Its access log, read on demand: this coordinator's own read of the referral is in it.
        await page.Locator("#audit-panel summary").ClickAsync();
        await Expect(page.Locator("#audit li[data-action=\"GetReferral\"][data-caller-kind=\"coordinator\"]").First).ToBeVisibleAsync();
        await Expect(page.Locator("#phone")).ToBeVisibleAsync();
        var email = page.Locator("#phone-messages li[data-channel]").Filter(new() { HasTextRegex = ReleaseLink() });
        await Expect(email.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("dashboard.png"), FullPage = true });

        // The oncologist answers the release behind the link; the card moves to IntakePending by itself.
        var link = ReleaseLink().Match(await email.First.InnerTextAsync()).Value;
        await ApproveReleaseAsync(host.BaseAddress, new Uri(link));
        await Expect(page.Locator($"[data-stage=\"IntakePending\"] .card[data-referral-id=\"{referralId}\"]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#timeline li[data-stage=\"IntakePending\"]").First).ToBeVisibleAsync();

        // The client replies from the simulated phone; the API accepts it.
        await page.GetByLabel("Reply by SMS as the client").FillAsync("Feeling fine, thank you");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page.Locator("#announce")).ToHaveTextAsync("Reply sent.");
        await Expect(page.Locator("#alert")).ToBeHiddenAsync();

        // The venue's outcome view answers too (no sessions yet: an empty chart that says so).
        await page.GetByRole(AriaRole.Button, new() { Name = "Outcomes" }).ClickAsync();
        await Expect(page.Locator("#outcome-totals")).ToContainTextAsync("Completed referrals");
        await Expect(page.Locator("#chart svg")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pipeline" }).ClickAsync();

        // Phone width: the detail covers the screen; closed, the stages stack as a list.
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("dashboard-390-detail.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Close referral details" }).ClickAsync();
        await Expect(page.Locator($"[data-stage=\"IntakePending\"] .card[data-referral-id=\"{referralId}\"]")).ToBeFocusedAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("dashboard-390.png"), FullPage = true });
    }

    private static async Task<string> SubmitSampleAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", "demo-practice-key");
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"), TestContext.Current.CancellationToken);
        using var posted = await http.PostAsync("api/referrals", new StringContent(sample, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return posted.Headers.Location!.OriginalString.Split('/')[^1];
    }

    /// <summary>
    /// Posts the release form as the oncologist would (the form's own fields, as the --demo run answers it). The link's
    /// host is the configured public URL; the path and token are what matter, so they go to this host.
    /// </summary>
    private static async Task ApproveReleaseAsync(Uri baseAddress, Uri link)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsync(link.PathAndQuery.TrimStart('/'), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = "approve", ["physicianName"] = "Dr. Rosa Demo", ["signature"] = "Dr. Rosa Demo", ["attest"] = "yes",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"harbor", RegexOptions.IgnoreCase)]
    private static partial Regex HarborVenue();

    [GeneratedRegex(@"https?://\S+/api/release/[^\s""<]+")]
    private static partial Regex ReleaseLink();
}
