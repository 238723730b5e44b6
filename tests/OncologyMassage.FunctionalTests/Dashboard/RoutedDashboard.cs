using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OncologyMassage.Functions.Http.Dashboard;

namespace OncologyMassage.FunctionalTests.Dashboard;

/// <summary>
/// The dashboard's real files (from the build output's wwwroot, with the real headers and CSP) in a real browser, with
/// the coordinator API answered at the network layer from the JSON shapes of the API contract. It checks what the page
/// does with those answers; the end-to-end test runs the same page against the local host.
/// A class fixture: one browser context and one page for the test class, opened again for each test (a new document,
/// the test's own <see cref="CoordinatorApiAnswers"/>, its viewport). A context of its own per test cost a renderer
/// process each time, about 2–3 s of CPU per test on the shared machine against well under 1 s for a new document in
/// the same page. Nothing of one test reaches the next: the page leaves for about:blank before the answers are swapped
/// (the old document and its requests are gone), cookies are cleared, and the dashboard keeps no web storage.
/// </summary>
public sealed class RoutedDashboard : IAsyncDisposable
{
    public const string Origin = "http://dashboard.test";

    /// <summary>Where the Functions app serves the page (the local host serves it at "/").</summary>
    public const string FunctionsPath = "/api/dashboard/";

    private IBrowserContext? context;
    private IPage? page;
    private volatile CoordinatorApiAnswers? current;

    /// <summary>Opens the dashboard at <paramref name="path"/> with <paramref name="api"/> answering; dispose the result at the end of the test.</summary>
    public async Task<OpenDashboard> OpenAsync(IBrowser browser, CoordinatorApiAnswers api, int width = 1280, int height = 900, string path = "/")
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(api);
        if (page is null || page.IsClosed)
        {
            if (context is not null)
            {
                await context.DisposeAsync();
            }

            context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            await context.RouteAsync($"{Origin}/**", route => current is { } answers ? HandleAsync(route, answers) : route.AbortAsync());
            page = await context.NewPageAsync();
            page.PageError += (_, error) => current?.PageErrors.Enqueue(error);
            page.Console += (_, message) =>
            {
                // The page probes the dev routes and expects 404 outside the local host: that console line is not an error of the page.
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                {
                    current?.PageErrors.Enqueue(message.Text);
                }
            };
        }

        page.SetDefaultTimeout(10_000);
        await page.SetViewportSizeAsync(width, height);
        current = api;
        await page.GotoAsync(Origin + path);
        return new OpenDashboard(page, LeaveAsync);
    }

    /// <summary>The test is over: its document goes (and with it its timers and requests), then its answers and cookies.</summary>
    private async Task LeaveAsync()
    {
        try
        {
            if (page is { IsClosed: false })
            {
                await page.GotoAsync("about:blank");
            }
        }
        finally
        {
            current = null;
            if (context is not null)
            {
                await context.ClearCookiesAsync();
            }
        }
    }

    private static async Task HandleAsync(IRoute route, CoordinatorApiAnswers api)
    {
        var url = new Uri(route.Request.Url);
        var file = url.AbsolutePath.StartsWith(FunctionsPath, StringComparison.Ordinal) ? url.AbsolutePath[FunctionsPath.Length..] : url.AbsolutePath.TrimStart('/');
        if (url.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && !url.AbsolutePath.StartsWith(FunctionsPath, StringComparison.Ordinal))
        {
            var (status, body) = api.Answer(route.Request.Method, url, route.Request.PostData);
            await route.FulfillAsync(new()
            {
                Status = status,
                ContentType = status >= 400 ? "application/problem+json" : "application/json",
                Body = body?.ToJsonString() ?? "",
            });
            return;
        }

        if (DashboardFiles.Resolve(DashboardFiles.Root, file) is not { } found)
        {
            await route.FulfillAsync(new() { Status = 404, Body = "" });
            return;
        }

        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();
        DashboardFiles.ApplyHeaders(headers);
        var all = headers.ToDictionary(h => h.Key, h => h.Value.ToString());
        all["Content-Type"] = found.ContentType;
        await route.FulfillAsync(new() { Status = 200, Headers = all, BodyBytes = await File.ReadAllBytesAsync(found.FullPath) });
    }

    public async ValueTask DisposeAsync()
    {
        if (context is not null)
        {
            await context.DisposeAsync();
        }
    }
}

/// <summary>The dashboard opened for one test; disposing it clears the page for the next test of the class.</summary>
public sealed class OpenDashboard(IPage page, Func<Task> leave) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public async ValueTask DisposeAsync() => await leave();
}

/// <summary>What the routed API answers, per the coordinator API contract; records every POST the page makes.</summary>
public sealed class CoordinatorApiAnswers
{
    public const string VenueId = "harbor-infusion-center";
    public const string ReferralId = "ref-0123456789abcdef0123456789abcdef";

    public JsonObject? Me { get; set; } = Json(new
    {
        id = "coord-harbor", name = "Harriet Coordinator", kind = "coordinator",
        venues = new[] { new { id = VenueId, name = "Harbor Infusion Center", type = "InfusionCenter", timeZone = "America/New_York" } },
    });

    /// <summary>The local host's demo coordinators; null when the dev routes do not exist (Azure).</summary>
    public JsonArray? DevCoordinators { get; set; }

    public List<JsonObject> Items { get; } = [Item(ReferralId, "AS", "MdReleaseRequested", stuck: false, actions: ["Cancel", "ResendRelease"])];

    public JsonArray Timeline { get; } = [Json(new { sequence = 1, at = "2026-11-25T10:00:00Z", kind = "StageChanged", stage = "MdReleaseRequested", detail = "Release requested from the oncologist" })];

    public JsonArray? Outbox { get; set; }

    /// <summary>The sample referral's red flags (GET /api/referrals/{id}/flags); the open ones are the venue's (GET /api/flags).</summary>
    public JsonArray Flags { get; } = [];

    public static JsonObject Flag(string flagId, string level, bool open = true) => Json(new
    {
        flagId, referralId = ReferralId, level, openedAt = "2026-11-25T12:00:00Z", open,
        acknowledgedBy = open ? null : "Casey Coordinator", acknowledgedAt = open ? null : "2026-11-25T12:10:00Z", note = open ? null : "Called",
    });

    public JsonArray Slots { get; } = [Json(new { slotId = "t-1|20261201T1500Z", therapistId = "t-1", startsAt = "2026-12-01T15:00:00Z", endsAt = "2026-12-01T16:00:00Z" })];

    public JsonObject Outcomes { get; set; } = Json(new
    {
        venue = VenueId, completedReferrals = 12, sessions = 30,
        changes = new[]
        {
            new { symptom = "Pain", n = 30, meanPre = 3.3, meanPost = 1.9, meanChange = -1.4 },
            new { symptom = "Anxiety", n = 30, meanPre = 3.9, meanPost = 1.7, meanChange = -2.2 },
            new { symptom = "Nausea", n = 28, meanPre = 2.5, meanPost = 1.2, meanChange = -1.3 },
            new { symptom = "Fatigue", n = 29, meanPre = 4.8, meanPost = 3.0, meanChange = -1.8 },
        },
        followUpReplyRate = 0.75, followUpsSent = 40,
    });

    /// <summary>GET /api/inbox: texts from numbers with no open referral (empty unless a test adds some).</summary>
    public JsonObject Inbox { get; set; } = Json(new { openCount = 0, entries = Array.Empty<object>() });

    /// <summary>The SMS answer the app's inbound webhook gives to a reply from the simulated phone.</summary>
    public string? PhoneAnswer { get; set; }

    /// <summary>A site the sessions endpoint refuses as "not a body site" (400 validation problem).</summary>
    public string? SessionSiteRejected { get; set; }

    /// <summary>When set, the first pipeline page leaves this referral for a second page behind a continuation token.</summary>
    public string? SecondPageReferralId { get; set; }

    public ConcurrentQueue<(string Path, JsonNode? Body)> Posts { get; } = new();

    public ConcurrentQueue<string> PageErrors { get; } = new();

    public static JsonObject Item(string id, string initials, string stage, bool stuck, string[] actions, string[]? flags = null) => Json(new
    {
        referralId = id, venueId = VenueId, initials, stage, enteredStageAt = "2026-11-25T10:00:00Z", ageInStageSeconds = 93_600,
        nextStep = "Waiting for the oncologist's release decision", stuck, overdueSeconds = stuck ? (int?)7200 : null,
        flags = flags ?? [], actions,
    });

    public static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web)!.AsObject();

    private static JsonObject Problem(int status, string title) => Json(new { type = "about:blank", title, status, detail = title });

    public (int Status, JsonNode? Body) Answer(string method, Uri url, string? postData)
    {
        var path = url.AbsolutePath["/api/".Length..];
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        if (method == "POST")
        {
            Posts.Enqueue((path, string.IsNullOrEmpty(postData) ? null : JsonNode.Parse(postData)));
            return path switch
            {
                "dev/sign-in" when DevCoordinators is not null => SignIn(),
                "dev/sign-out" when DevCoordinators is not null => (204, null),
                _ when path.StartsWith("dev/phone/", StringComparison.Ordinal) => (200, Json(new { status = 200, reply = PhoneAnswer })),
                _ when path.EndsWith("/sessions", StringComparison.Ordinal) && SessionSiteRejected is { } site
                    && JsonNode.Parse(postData!)!["sitesAvoided"]!.AsArray().Any(x => (string?)x == site) =>
                    (400, Json(new
                    {
                        type = "https://oncologymassage.dev/problems/validation", title = "The request has invalid fields.", status = 400,
                        errors = new Dictionary<string, string[]> { ["SitesAvoided[0]"] = [$"'{site}' is not a body site."] },
                    })),
                _ when path.EndsWith("/sessions", StringComparison.Ordinal) => (201, Json(new { })),
                _ when path.EndsWith("/acknowledge", StringComparison.Ordinal) => Acknowledge(path.Split('/')[3]),
                _ => (202, Json(new { })),
            };
        }

        lock (Items)
        {
            return path switch
            {
                "me" => Me is null ? (401, Problem(401, "Sign in.")) : (200, Me.DeepClone()),
                "dev/coordinators" => DevCoordinators is null ? (404, Problem(404, "Not found.")) : (200, DevCoordinators.DeepClone()),
                "pipeline" => (200, Pipeline(query["stage"], query["stuck"] == "true", query["continuationToken"])),
                "outcomes" => (200, Outcomes.DeepClone()),
                "inbox" => (200, Inbox.DeepClone()),
                "dev/outbox" => Outbox is null ? (404, Problem(404, "Not found.")) : (200, Outbox.DeepClone()),
                _ when path == $"referrals/{ReferralId}" => (200, Referral()),
                _ when path == $"referrals/{ReferralId}/timeline" => (200, Json(new { id = ReferralId, stage = CurrentStage, entries = Timeline.DeepClone() })),
                _ when path == $"referrals/{ReferralId}/slots" => (200, Slots.DeepClone()),
                _ when path == $"referrals/{ReferralId}/flags" => (200, Flags.DeepClone()),
                "flags" => (200, OpenFlags()),
                _ => (404, Problem(404, "Not found.")),
            };
        }
    }

    private JsonObject OpenFlags()
    {
        var open = Flags.Where(f => (bool)f!["open"]!).Select(f => f!.DeepClone()).ToArray();
        return new JsonObject { ["venue"] = VenueId, ["count"] = open.Length, ["flags"] = new JsonArray(open) };
    }

    private (int, JsonNode?) Acknowledge(string flagId)
    {
        lock (Items)
        {
            var flag = Flags.Select(f => f!.AsObject()).Single(f => (string?)f["flagId"] == flagId);
            if (!(bool)flag["open"]!)
            {
                return (409, Problem(409, "This flag was acknowledged already."));
            }

            flag["open"] = false;
            flag["acknowledgedBy"] = "Casey Coordinator";
            flag["acknowledgedAt"] = "2026-11-25T12:10:00Z";
            return (200, flag.DeepClone());
        }
    }

    /// <summary>Moves the sample referral to another stage, as the workflow would.</summary>
    public void Move(string stage, params string[] actions)
    {
        lock (Items)
        {
            var item = Items.Single(i => (string?)i["referralId"] == ReferralId);
            item["stage"] = stage;
            item["actions"] = new JsonArray(actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
            Timeline.Add(Json(new { sequence = Timeline.Count + 1, at = "2026-11-25T11:00:00Z", kind = "StageChanged", stage, detail = "Moved" }));
        }
    }

    private string CurrentStage => (string)Items.Single(i => (string?)i["referralId"] == ReferralId)["stage"]!;

    private (int, JsonNode?) SignIn()
    {
        Me ??= Json(new
        {
            id = "coord-harbor", name = "Harriet Coordinator", kind = "coordinator",
            venues = new[] { new { id = VenueId, name = "Harbor Infusion Center", type = "InfusionCenter", timeZone = "America/New_York" } },
        });
        return (204, null);
    }

    private JsonObject Referral() => Json(new
    {
        id = ReferralId, stage = CurrentStage, venueId = VenueId, service = "OncologyMassage", clientInitials = "AS",
        createdAt = "2026-11-24T09:00:00Z", updatedAt = "2026-11-25T10:00:00Z", nextExpectedStep = "Waiting for the oncologist's release decision",
        closedReason = (string?)null, workflowStatus = "Running",
    });

    private JsonObject Pipeline(string? stage, bool stuckOnly, string? continuationToken)
    {
        var items = Items.Where(i => (stage is null || (string?)i["stage"] == stage) && (!stuckOnly || (bool)i["stuck"]!)).ToArray();
        string? next = null;
        if (SecondPageReferralId is { } later)
        {
            next = continuationToken is null ? "page-2" : null;
            items = items.Where(i => ((string?)i["referralId"] == later) == (continuationToken == "page-2")).ToArray();
        }

        var counts = new JsonObject();
        var stuckCounts = new JsonObject();
        foreach (var group in Items.GroupBy(i => (string)i["stage"]!))
        {
            counts[group.Key] = group.Count();
            stuckCounts[group.Key] = group.Count(i => (bool)i["stuck"]!);
        }

        return new JsonObject
        {
            ["venue"] = VenueId,
            ["counts"] = counts,
            ["stuckCounts"] = stuckCounts,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
            ["continuationToken"] = next,
        };
    }
}
