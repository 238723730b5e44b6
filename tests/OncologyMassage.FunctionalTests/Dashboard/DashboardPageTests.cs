using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OncologyMassage.LocalHost.Azurite;
using static Microsoft.Playwright.Assertions;

namespace OncologyMassage.FunctionalTests.Dashboard;

/// <summary>
/// The dashboard page in headless Chromium with the API answered per the contract (see <see cref="RoutedDashboard"/>):
/// board, escaping, sign-in, dialogs by keyboard, the phone, outcomes, polling, phone width and accessibility rules.
/// </summary>
public sealed class DashboardPageTests(ChromiumFixture chromium, RoutedDashboard routed) : IClassFixture<RoutedDashboard>
{
    private const string Card = $"[data-stage=\"MdReleaseRequested\"] .card[data-referral-id=\"{CoordinatorApiAnswers.ReferralId}\"]";

    [Fact]
    public async Task Board_PipelinePage_ShowsEachCardInItsStageColumnWithCountsAgeAndBadges()
    {
        var api = new CoordinatorApiAnswers();
        api.Items.Add(CoordinatorApiAnswers.Item("ref-ffffffffffffffffffffffffffffffff", "B.T.", "IntakePending", stuck: true, ["Cancel"], ["RedFlagSameDay"]));
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;

        await Expect(page.Locator(Card)).ToContainTextAsync("AS");
        await Expect(page.Locator(Card)).ToContainTextAsync("1 d 2 h in stage");
        await Expect(page.Locator("[data-count=\"MdReleaseRequested\"]")).ToHaveTextAsync("1 referrals");
        var stuck = page.Locator("[data-stage=\"IntakePending\"] .card");
        await Expect(stuck.Locator(".badge.stuck")).ToHaveTextAsync("Stuck: 2 h overdue");
        await Expect(stuck.Locator(".badge.urgent")).ToHaveTextAsync("Red flag: same day");
        await Expect(page.Locator("#pipeline-summary")).ToHaveTextAsync("2 referrals, 1 stuck.");
        Assert.Empty(api.PageErrors);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 1280, "The board widens the page instead of scrolling itself.");
    }

    [Fact]
    public async Task Board_PageUnderTheFunctionsRoute_CallsTheApiBesideIt()
    {
        var api = new CoordinatorApiAnswers();
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api, path: RoutedDashboard.FunctionsPath);
        var page = dashboard.Page;

        await Expect(page.Locator(Card)).ToBeVisibleAsync();
        Assert.Equal($"{RoutedDashboard.Origin}/api/", await page.EvaluateAsync<string>("async () => (await import('./app.js')).apiBase.href"));
    }

    [Fact]
    public async Task Start_CallerIsAPractice_ExplainsThePageIsForCoordinatorsAndShowsNoBoard()
    {
        var api = new CoordinatorApiAnswers { Me = CoordinatorApiAnswers.Json(new { id = "demo-practice", name = "Demo Oncology Practice", kind = "practice", venues = Array.Empty<object>() }) };
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This page is for venue coordinators" })).ToBeVisibleAsync();
        await Expect(page.Locator("#app")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Board_InitialsAndStepsWithMarkup_ShownAsTextNeverParsed()
    {
        var api = new CoordinatorApiAnswers();
        api.Items[0]["initials"] = "<img src=x onerror=\"window.pwned=1\">";
        api.Items[0]["nextStep"] = "<b>bold</b>";
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;

        await Expect(page.Locator(Card)).ToContainTextAsync("<img src=x onerror=\"window.pwned=1\">");
        Assert.Equal(0, await page.Locator("#board img, #board b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    [Fact]
    public async Task StuckFilter_Checked_AsksThePipelineForStuckReferralsOnly()
    {
        var api = new CoordinatorApiAnswers();
        api.Items.Add(CoordinatorApiAnswers.Item("ref-ffffffffffffffffffffffffffffffff", "B.T.", "IntakePending", stuck: true, ["Cancel"]));
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await Expect(page.Locator(Card)).ToBeVisibleAsync();

        var request = page.WaitForRequestAsync(r => r.Url.Contains("/api/pipeline", StringComparison.Ordinal) && r.Url.Contains("stuck=true", StringComparison.Ordinal));
        await page.GetByLabel("Stuck only").CheckAsync();
        await request;

        await Expect(page.Locator(Card)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-stage=\"IntakePending\"] .card")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task SinceFilter_LastSevenDays_AsksThePipelineForReferralsThatEnteredTheirStageSince()
    {
        var api = new CoordinatorApiAnswers();
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await Expect(page.Locator(Card)).ToBeVisibleAsync();

        var request = page.WaitForRequestAsync(r => r.Url.Contains("/api/pipeline", StringComparison.Ordinal) && r.Url.Contains("since=", StringComparison.Ordinal));
        await page.GetByLabel("Entered stage").SelectOptionAsync("7");
        var asked = await request;

        var since = System.Web.HttpUtility.ParseQueryString(new Uri(asked.Url).Query)["since"];
        var sinceAt = DateTimeOffset.Parse(since!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - sinceAt, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await Expect(page.Locator("#pipeline-summary")).ToContainTextAsync("entered their stage in the last 7 days, newest first");
    }

    [Fact]
    public async Task SignIn_MeIs401OnTheLocalHost_ListsDemoCoordinatorsAndSignsInWithTheChosenOne()
    {
        var api = new CoordinatorApiAnswers
        {
            Me = null,
            DevCoordinators = [CoordinatorApiAnswers.Json(new { id = "coord-harbor", name = "Harriet Coordinator", venues = new[] { "harbor-infusion-center" } })],
        };
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Harriet Coordinator" }).ClickAsync();

        await Expect(page.Locator(Card)).ToBeVisibleAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Harriet Coordinator");
        Assert.Contains(api.Posts, p => p.Path == "dev/sign-in" && (string?)p.Body?["coordinatorId"] == "coord-harbor");
    }

    [Fact]
    public async Task SignIn_MeIs401WithoutDevRoutes_OffersEntraIdSignInOnly()
    {
        var api = new CoordinatorApiAnswers { Me = null };
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Microsoft Entra ID" });
        await Expect(link).ToHaveAttributeAsync("href", "/.auth/login/aad?post_login_redirect_uri=%2F");
        await Expect(page.Locator("#sign-in-dev")).ToBeHiddenAsync();
        await Expect(page.Locator("#app")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Detail_CardOpened_ShowsTimelineAndOnlyTheActionsTheApiAllows()
    {
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), new CoordinatorApiAnswers());
        var page = dashboard.Page;

        await page.Locator(Card).ClickAsync();

        await Expect(page.Locator("#timeline li[data-stage=\"MdReleaseRequested\"]")).ToContainTextAsync("Release requested from the oncologist");
        await Expect(page.Locator("#detail-actions button")).ToHaveTextAsync(["Cancel referral", "Resend release request"]);
        await Expect(page.Locator("#detail-title")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Flags_OpenFlagAcknowledgedWithNote_PostsTheNoteAndLeavesNoOpenFlag()
    {
        var api = new CoordinatorApiAnswers();
        const string flagId = CoordinatorApiAnswers.ReferralId + ".0123456789ab";
        api.Flags.Add(CoordinatorApiAnswers.Flag(flagId, "Immediate"));
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await Expect(page.Locator("#open-flags-count")).ToHaveTextAsync("1");

        await page.Locator("#open-flags-list button").ClickAsync();
        var open = page.Locator($"#flags li[data-flag-id=\"{flagId}\"]");
        await Expect(open).ToContainTextAsync("Immediate red flag");
        await open.GetByLabel("What was done (who called, what was agreed)").FillAsync("Called her: on her way to the ED");
        await open.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(page.Locator("#announce")).ToHaveTextAsync("Red flag acknowledged.");
        await Expect(page.Locator("#open-flags-count")).ToHaveTextAsync("0");
        await Expect(page.Locator($"#flags li[data-flag-id=\"{flagId}\"]")).ToContainTextAsync("Acknowledged by Casey Coordinator");
        var post = Assert.Single(api.Posts, p => p.Path.EndsWith("/acknowledge", StringComparison.Ordinal));
        Assert.Equal($"referrals/{CoordinatorApiAnswers.ReferralId}/flags/{flagId}/acknowledge", post.Path);
        Assert.Equal("Called her: on her way to the ED", (string?)post.Body?["note"]);
        Assert.Empty(api.PageErrors);
    }

    [Fact]
    public async Task Cancel_ConfirmedWithReasonByKeyboard_PostsTheReasonOnce()
    {
        var api = new CoordinatorApiAnswers();
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.Locator(Card).ClickAsync();
        await page.Locator("[data-action=\"Cancel\"]").ClickAsync();

        await Expect(page.GetByLabel("Reason (shown in the timeline)")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Client moved away");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#cancel-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#announce")).ToHaveTextAsync("Referral cancelled.");
        await Expect(page.Locator("#detail-title")).ToBeFocusedAsync();
        var post = Assert.Single(api.Posts, p => p.Path.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.Equal($"referrals/{CoordinatorApiAnswers.ReferralId}/cancel", post.Path);
        Assert.Equal("Client moved away", (string?)post.Body?["reason"]);
    }

    [Fact]
    public async Task Cancel_EscapePressed_ClosesTheDialogAndPostsNothing()
    {
        var api = new CoordinatorApiAnswers();
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.Locator(Card).ClickAsync();
        await page.Locator("[data-action=\"Cancel\"]").ClickAsync();
        await page.Keyboard.TypeAsync("typo");

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.Locator("#cancel-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-action=\"Cancel\"]")).ToBeFocusedAsync();
        Assert.DoesNotContain(api.Posts, p => p.Path.EndsWith("/cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BookSlot_SlotChosen_PostsItsSlotId()
    {
        var api = new CoordinatorApiAnswers();
        api.Move("SchedulingPending", "Cancel", "BookSlot");
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.Locator($".card[data-referral-id=\"{CoordinatorApiAnswers.ReferralId}\"]").ClickAsync();
        await page.Locator("[data-action=\"BookSlot\"]").ClickAsync();

        await page.Locator("#slots input[type=radio]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book slot" }).ClickAsync();

        await Expect(page.Locator("#announce")).ToHaveTextAsync("Slot booked.");
        var post = Assert.Single(api.Posts, p => p.Path.EndsWith("/booking", StringComparison.Ordinal));
        Assert.Equal("t-1|20261201T1500Z", (string?)post.Body?["slotId"]);
    }

    [Fact]
    public async Task RecordSession_FormFilled_PostsPressurePositionAndBothRatingSets()
    {
        var api = new CoordinatorApiAnswers();
        api.Move("SessionScheduled", "Cancel", "RecordSession");
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.Locator($".card[data-referral-id=\"{CoordinatorApiAnswers.ReferralId}\"]").ClickAsync();
        await page.Locator("[data-action=\"RecordSession\"]").ClickAsync();

        await page.GetByLabel("Pressure used (Walton 0–5)").SelectOptionAsync("2");
        await page.GetByLabel("Position").SelectOptionAsync("SideLyingLeft");
        await page.GetByLabel("Sites avoided (comma-separated)").FillAsync("left arm, chest:right");
        foreach (var (symptom, before, after) in new[] { ("Pain", "4", "2"), ("Anxiety", "6", "2"), ("Nausea", "1", "1"), ("Fatigue", "5", "3") })
        {
            await page.GetByLabel($"{symptom} before").FillAsync(before);
            await page.GetByLabel($"{symptom} after").FillAsync(after);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();

        await Expect(page.Locator("#announce")).ToHaveTextAsync("Session recorded.");
        var body = Assert.Single(api.Posts, p => p.Path.EndsWith("/sessions", StringComparison.Ordinal)).Body!;
        Assert.Equal((2, "SideLyingLeft"), ((int)body["pressureUsed"]!, (string?)body["position"]));
        Assert.Equal(["left arm", "chest:right"], body["sitesAvoided"]!.AsArray().Select(x => (string?)x));
        Assert.Equal((4, 2, 6, 2), ((int)body["pre"]!["pain"]!, (int)body["post"]!["pain"]!, (int)body["pre"]!["anxiety"]!, (int)body["post"]!["anxiety"]!));
    }

    [Fact]
    public async Task Phone_DevOutboxAnswers_ShowsTheMessagesAndPostsTheReply()
    {
        var api = new CoordinatorApiAnswers
        {
            DevCoordinators = [],
            PhoneAnswer = "Thank you. Your answer is recorded.",
            Outbox = [CoordinatorApiAnswers.Json(new { channel = "Sms", to = "+16175550143", subject = (string?)null, body = "How do you feel today? <script>x</script>", status = "Sent", createdAt = "2026-11-25T10:00:00Z" })],
        };
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.Locator(Card).ClickAsync();

        await Expect(page.Locator("#phone-messages li[data-channel=\"Sms\"]")).ToContainTextAsync("How do you feel today? <script>x</script>");
        await page.GetByLabel("Reply by SMS as the client").FillAsync("Pain 2, feeling fine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        await Expect(page.Locator("#announce")).ToHaveTextAsync("Reply sent.");
        await Expect(page.Locator("#phone-answer")).ToHaveTextAsync("Answer by SMS: Thank you. Your answer is recorded.");
        var post = Assert.Single(api.Posts, p => p.Path.StartsWith("dev/phone/", StringComparison.Ordinal));
        Assert.Equal(($"dev/phone/{CoordinatorApiAnswers.ReferralId}/reply", "Pain 2, feeling fine"), (post.Path, (string?)post.Body?["text"]));
    }

    [Fact]
    public async Task RecordSession_ApiRejectsASite_ReopensTheDialogWithTheMessageAndTheInputKept()
    {
        var api = new CoordinatorApiAnswers { SessionSiteRejected = "port site" };
        api.Move("SessionScheduled", "Cancel", "RecordSession");
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.Locator($".card[data-referral-id=\"{CoordinatorApiAnswers.ReferralId}\"]").ClickAsync();
        await page.Locator("[data-action=\"RecordSession\"]").ClickAsync();
        await page.GetByLabel("Sites avoided (comma-separated)").FillAsync("port site");
        foreach (var symptom in new[] { "Pain", "Anxiety", "Nausea", "Fatigue" })
        {
            await page.GetByLabel($"{symptom} before").FillAsync("3");
            await page.GetByLabel($"{symptom} after").FillAsync("2");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();

        await Expect(page.Locator("#session-dialog .dialog-error")).ToHaveTextAsync("The request has invalid fields. 'port site' is not a body site.");
        await Expect(page.Locator("#session-dialog")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Pain before")).ToHaveValueAsync("3");
        await Expect(page.Locator("#announce")).Not.ToHaveTextAsync("Session recorded.");
    }

    [Fact]
    public async Task LoadMore_PipelineHasASecondPage_FetchesItWithTheContinuationToken()
    {
        var api = new CoordinatorApiAnswers { SecondPageReferralId = "ref-ffffffffffffffffffffffffffffffff" };
        api.Items.Add(CoordinatorApiAnswers.Item("ref-ffffffffffffffffffffffffffffffff", "B.T.", "IntakePending", stuck: false, ["Cancel"]));
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await Expect(page.Locator(Card)).ToBeVisibleAsync();
        await Expect(page.Locator(".card")).ToHaveCountAsync(1);

        var request = page.WaitForRequestAsync(r => r.Url.Contains("continuationToken=page-2", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more referrals" }).ClickAsync();
        await request;

        await Expect(page.Locator(".card")).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more referrals" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Phone_NoDevRoutes_IsNotShown()
    {
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), new CoordinatorApiAnswers());
        var page = dashboard.Page;

        await page.Locator(Card).ClickAsync();

        await Expect(page.Locator("#timeline li[data-stage=\"MdReleaseRequested\"]")).ToBeVisibleAsync();
        await Expect(page.Locator("#phone")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Refresh_StageChangedWhileOpen_MovesTheCardAndAnnouncesIt()
    {
        var api = new CoordinatorApiAnswers();
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await Expect(page.Locator(Card)).ToBeVisibleAsync();

        api.Move("IntakePending", "Cancel");
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('focus'))");

        await Expect(page.Locator($"[data-stage=\"IntakePending\"] .card[data-referral-id=\"{CoordinatorApiAnswers.ReferralId}\"]")).ToBeVisibleAsync();
        await Expect(page.Locator("#announce")).ToHaveTextAsync("AS moved to Intake pending");
    }

    [Fact]
    public async Task Outcomes_VenueSummary_DrawsBeforeAndAfterBarsPerSymptomWithN()
    {
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), new CoordinatorApiAnswers());
        var page = dashboard.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Outcomes" }).ClickAsync();

        await Expect(page.Locator("#chart svg rect[data-series=\"pre\"]")).ToHaveCountAsync(4);
        await Expect(page.Locator("#chart svg rect[data-series=\"post\"]")).ToHaveCountAsync(4);
        await Expect(page.Locator("#chart svg desc")).ToContainTextAsync("Anxiety: 3.9 before, 1.7 after, n = 30");
        await Expect(page.Locator("#outcome-table tbody tr").First.Locator("th, td")).ToHaveTextAsync(["Pain", "30", "3.3", "1.9", "-1.4"]);
        await Expect(page.Locator("#outcome-totals")).ToContainTextAsync("75 %");
    }

    [Fact]
    public async Task Board_PhoneWidth390_StacksTheColumnsWithoutSidewaysScrolling()
    {
        var api = new CoordinatorApiAnswers();
        api.Items.Add(CoordinatorApiAnswers.Item("ref-ffffffffffffffffffffffffffffffff", "B.T.", "IntakePending", stuck: true, ["Cancel"]));
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api, width: 390, height: 844);
        var page = dashboard.Page;
        await Expect(page.Locator(Card)).ToBeVisibleAsync();

        var first = (await page.Locator("[data-stage=\"MdReleaseRequested\"]").BoundingBoxAsync())!;
        var second = (await page.Locator("[data-stage=\"IntakePending\"]").BoundingBoxAsync())!;
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.Equal(first.X, second.X);
        Assert.True(second.Y > first.Y, "The second stage should sit below the first.");
        Assert.True(scrollWidth <= 390, $"The page scrolls sideways ({scrollWidth} px).");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("dashboard-board-390.png"), FullPage = true });
    }

    [Fact]
    public async Task Inbox_TextsFromUnknownNumbers_ListedNewestFirstWithLevelAndTheOpenCountOnTheButton()
    {
        var api = new CoordinatorApiAnswers { Inbox = InboxWithTwoTexts() };
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;

        await Expect(page.Locator("#inbox-count")).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inbox" }).ClickAsync();

        var entries = page.Locator("#inbox-list > li");
        await Expect(entries).ToHaveCountAsync(2);
        await Expect(entries.Nth(0)).ToHaveAttributeAsync("data-level", "Immediate");
        await Expect(entries.Nth(0).Locator(".badge.urgent")).ToHaveTextAsync("Red flag: immediate");
        await Expect(entries.Nth(0)).ToContainTextAsync("<b>I can't breathe</b>"); // shown as text, never parsed
        await Expect(entries.Nth(0).Locator("b")).ToHaveCountAsync(0);
        await Expect(entries.Nth(1)).ToContainTextAsync("Handled by Willow Coordinator");
        await Expect(entries.Nth(1)).ToContainTextAsync("Wrong number");
        await Expect(page.Locator("#inbox-summary")).ToHaveTextAsync("1 not handled. Newest first.");
        Assert.Empty(api.PageErrors);
    }

    [Fact]
    public async Task Inbox_MarkHandledWithANote_PostsTheNoteForThatEntry()
    {
        var api = new CoordinatorApiAnswers { Inbox = InboxWithTwoTexts() };
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Inbox" }).ClickAsync();

        await page.Locator("#inbox-list [data-action=\"MarkHandled\"]").ClickAsync();
        await page.GetByLabel("What was done (optional)").FillAsync("Called back; told to ring the triage line");
        await page.Locator("#handled-dialog button[value=\"confirm\"]").ClickAsync();

        await Expect(page.Locator("#announce")).ToHaveTextAsync("Text marked handled.");
        var post = Assert.Single(api.Posts, p => p.Path.StartsWith("inbox/", StringComparison.Ordinal));
        Assert.Equal("inbox/0638999000000000000-aaaaaaaaaaaaaaaa/handled", post.Path);
        Assert.Equal("Called back; told to ring the triage line", (string?)post.Body?["note"]);
    }

    private static JsonObject InboxWithTwoTexts() => CoordinatorApiAnswers.Json(new
    {
        openCount = 1,
        entries = new object[]
        {
            new { id = "0638999000000000000-aaaaaaaaaaaaaaaa", receivedAt = "2026-11-25T11:00:00Z", fromPhone = "+16175550199", text = "<b>I can't breathe</b>", level = "Immediate", handled = (object?)null },
            new
            {
                id = "0638999000000000001-bbbbbbbbbbbbbbbb", receivedAt = "2026-11-25T10:00:00Z", fromPhone = "+16175550177", text = "hello?", level = "None",
                handled = (object?)new { byId = "coord-willow", byName = "Willow Coordinator", at = "2026-11-25T10:30:00Z", note = "Wrong number" },
            },
        },
    });

    [Theory]
    [InlineData("board")]
    [InlineData("detail")]
    [InlineData("session-dialog")]
    [InlineData("outcomes")]
    [InlineData("inbox")]
    [InlineData("sign-in")]
    public async Task Accessibility_EachView_HasNoAxeWcagAaViolations(string view)
    {
        var api = new CoordinatorApiAnswers
        {
            DevCoordinators = [],
            Outbox = [CoordinatorApiAnswers.Json(new { channel = "Email", to = "rosa.demo@example.org", subject = "Release request", body = "Please answer.", status = "Sent", createdAt = "2026-11-25T10:00:00Z" })],
        };
        api.Items.Add(CoordinatorApiAnswers.Item("ref-ffffffffffffffffffffffffffffffff", "B.T.", "IntakePending", stuck: true, ["Cancel"], ["RedFlagImmediate", "DeliveryFailed"]));
        if (view == "sign-in")
        {
            api.Me = null;
            api.DevCoordinators = [CoordinatorApiAnswers.Json(new { id = "coord-harbor", name = "Harriet Coordinator", venues = new[] { "harbor-infusion-center" } })];
        }

        if (view == "inbox")
        {
            api.Inbox = InboxWithTwoTexts();
        }

        if (view == "session-dialog")
        {
            api.Move("SessionScheduled", "Cancel", "RecordSession");
        }

        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await OpenViewAsync(page, view);

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Length == 0, $"axe found in the {view} view:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task Accessibility_DomRules_EveryControlHasALabelEveryButtonANameAndEveryImageAlt()
    {
        var api = new CoordinatorApiAnswers();
        api.Move("SessionScheduled", "Cancel", "RecordSession");
        await using var dashboard = await routed.OpenAsync(await chromium.BrowserAsync(), api);
        var page = dashboard.Page;
        await OpenViewAsync(page, "session-dialog"); // every dialog's form is in the DOM; this one also has its ratings table

        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              for (const input of document.querySelectorAll('input, select, textarea')) {
                if (input.type === 'hidden') continue;
                if (!(input.labels && input.labels.length) && !input.getAttribute('aria-label') && !input.getAttribute('aria-labelledby'))
                  problems.push(`unlabelled ${input.tagName.toLowerCase()}#${input.id}`);
              }
              for (const button of document.querySelectorAll('button')) {
                if (!button.textContent.trim() && !button.getAttribute('aria-label')) problems.push(`nameless button #${button.id}`);
              }
              for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(`img without alt ${img.src}`);
              for (const svg of document.querySelectorAll('svg')) if (svg.getAttribute('role') !== 'img' || !svg.getAttribute('aria-labelledby')) problems.push('svg without a name');
              if (!document.querySelector('main') || !document.querySelector('header') || !document.querySelector('nav')) problems.push('missing landmarks');
              if (document.documentElement.lang !== 'en') problems.push('no lang');
              if (document.querySelectorAll('[onclick], div[tabindex], span[tabindex]').length) problems.push('clickable non-buttons');
              return problems;
            }
            """);

        Assert.Empty(problems);
    }

    /// <summary>Brings the page to a view: the board, a referral's detail, the record-session dialog, the outcomes.</summary>
    private static async Task OpenViewAsync(IPage page, string view)
    {
        switch (view)
        {
            case "sign-in":
                await Expect(page.Locator("#sign-in-dev")).ToBeVisibleAsync();
                break;
            case "board":
                await Expect(page.Locator(".card")).ToHaveCountAsync(2);
                break;
            case "detail":
                await page.Locator(Card).ClickAsync();
                await Expect(page.Locator("#phone-messages li")).ToHaveCountAsync(1);
                break;
            case "session-dialog":
                await page.Locator($".card[data-referral-id=\"{CoordinatorApiAnswers.ReferralId}\"]").ClickAsync();
                await page.Locator("[data-action=\"RecordSession\"]").ClickAsync();
                await Expect(page.Locator("#session-dialog")).ToBeVisibleAsync();
                break;
            case "outcomes":
                await page.GetByRole(AriaRole.Button, new() { Name = "Outcomes" }).ClickAsync();
                await Expect(page.Locator("#chart svg")).ToBeVisibleAsync();
                break;
            case "inbox":
                await page.GetByRole(AriaRole.Button, new() { Name = "Inbox" }).ClickAsync();
                await Expect(page.Locator("#inbox-list > li")).ToHaveCountAsync(2);
                break;
        }
    }
}
