using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Demo;

/// <summary>
/// <c>--demo</c>: submits sample referrals through the real HTTP API as a referring practice would, then plays the people
/// around them through <see cref="ReferralActors"/> (links from the dev outbox, the simulated phone, the coordinators' API):
/// two whole journeys to Completed (one with an MD hold and a same-day red flag), one declined release, and one left
/// undecided so that the reminders, the coordinator's alert and the expiry can be watched.
/// </summary>
public sealed partial class DemoReferrals(
    IServer server, IHostApplicationLifetime lifetime, IMessageOutbox outbox, IConfiguration configuration, ILogger<DemoReferrals> logger)
    : BackgroundService
{
    public const string PracticeApiKey = "demo-practice-key";

    public static Practice Practice { get; } = new("demo-practice", "Demo Oncology Practice");

    private static readonly string[] SitesAvoided = ["chest:right"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The demo is a guest: whatever goes wrong in it is logged, and the host keeps serving.
            LogDemoFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? LocalHostApp.DefaultUrl;
        using var http = new HttpClient { BaseAddress = new Uri(Local(address)) };
        http.DefaultRequestHeaders.Add(PracticeKeys.Header, configuration["Demo:PracticeApiKey"] is { Length: > 0 } key ? key : PracticeApiKey);

        // Each run its own referrals: a second --demo on the same data must not replay the first run's (whose links were used).
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ids = new List<string>();
        foreach (var (sample, index) in Samples().Select((s, i) => (s, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = JsonContent.Create(sample) };
            request.Headers.Add("Idempotency-Key", $"demo-{run}-referral-{index + 1}");
            using var response = await http.SendAsync(request, stoppingToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<Submitted>(stoppingToken);
            ids.Add(body!.Id);
            LogSubmitted(logger, body.Id, response.Headers.Location);
        }

        var actors = new ReferralActors(http, outbox);
        await Task.WhenAll(
            PlayAsync(ids[0], "Ada", "coord-harbor", address, actors, fever: false, reply24h: "pain 2 tired 3 nausea 0 worry 1", stoppingToken),
            PlayAsync(ids[1], "Ben", "coord-willow", address, actors, fever: true, reply24h: "my left arm is a bit puffy since the massage", stoppingToken),
            DeclineAsync(ids[2], actors, stoppingToken));
        LogUndecided(logger, ids[3]);
    }

    /// <summary>
    /// One whole journey: the oncologist approves (Ben's with restrictions), the client fills in the intake (Ben reports a
    /// fever, so the plan holds and the oncologist is asked), picks a slot by text, signs the consent; the therapist records
    /// the session; the client answers the follow-ups (Ben's first answer is a same-day red flag).
    /// </summary>
    private async Task PlayAsync(string id, string client, string coordinatorId, string address, ReferralActors people, bool fever, string reply24h, CancellationToken ct)
    {
        try
        {
            using var phoneHolder = await SignInAsync(address, coordinatorId, ct); // the simulated phone is the venue coordinator's tool
            var actors = people.WithPhone(phoneHolder);
            var release = ReferralActors.Signature(fever ? "restrict" : "approve");
            if (fever)
            {
                release["maxPressure"] = "3";
                release["site0Region"] = "upper-quadrant";
                release["site0Side"] = "left";
                release["site0Pressure"] = "2";
                release["conditions"] = "Strokes toward the trunk on the left arm";
            }

            await StepAsync(id, "oncologist answered the release form", actors.DecideReleaseAsync(id, release, ct));
            var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
            if (fever)
            {
                intake["today.temperatureCelsius"] = "38.4";
            }

            await StepAsync(id, "client submitted the intake form", actors.SubmitIntakeAsync(id, intake, ct));
            if (fever)
            {
                await StepAsync(id, "oncologist answered the question about the plan on hold", actors.AnswerHoldQuestionAsync(id, ReferralActors.Signature("approve"), ct));
            }

            await StepAsync(id, "client texted back slot 1", actors.ReplyToTextAsync(id, ":slots:1:1", "1", ct));
            await StepAsync(id, "client signed the consent form", actors.SignConsentAsync(id, ReferralActors.Consent(client + " Sample"), ct));
            await actors.MessageAsync(id, ":booked:1", ct);
            using (var therapist = await SignInAsync(address, coordinatorId, ct))
            {
                await WaitForStageAsync(therapist, id, Stage.SessionScheduled, ct);
                await StepAsync(id, "therapist recorded the session", therapist.PostAsJsonAsync($"api/referrals/{id}/sessions", new
                {
                    pressureUsed = 2,
                    sitesAvoided = SitesAvoided,
                    position = "SideLyingLeft",
                    pre = new { pain = 5, anxiety = 6, nausea = 2, fatigue = 7 },
                    post = new { pain = 3, anxiety = 2, nausea = 1, fatigue = 5 },
                    reactions = "Relaxed; no reaction",
                }, ct));
            }

            await StepAsync(id, "client answered the +24 h text", actors.ReplyToTextAsync(id, ":sms24h-1", reply24h, ct));
            await StepAsync(id, "client answered the +7 day survey", actors.AnswerSurveyAsync(id, 1,
                new Dictionary<string, string> { ["pain"] = "2", ["wellBeing"] = "3", ["sleep"] = "3", ["changes"] = "Sleeping better" }, ct));
            await StepAsync(id, "client answered the +30 day text", actors.ReplyToTextAsync(id, ":sms30d-1", "no problems since, thank you", ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPlayFailed(logger, id, ex.Message);
        }
    }

    private async Task DeclineAsync(string id, ReferralActors actors, CancellationToken ct)
    {
        try
        {
            var form = ReferralActors.Signature("decline");
            form["reason"] = "Not during the current treatment cycle";
            await StepAsync(id, "oncologist declined the release", actors.DecideReleaseAsync(id, form, ct));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPlayFailed(logger, id, ex.Message);
        }
    }

    /// <summary>One person's action; a refusal stops that referral's play (and says why) instead of waiting for nothing.</summary>
    private async Task StepAsync(string id, string what, Task<HttpResponseMessage> action)
    {
        using var response = await action;
        LogStep(logger, id, what, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} was refused with HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The therapist's browser: signed in as the venue's coordinator through the local host's development sign-in.</summary>
    private static async Task<HttpClient> SignInAsync(string address, string coordinatorId, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(Local(address)) };
        // A script holding a session cookie says where it comes from, as a browser would (CrossSiteRequestGuard).
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var response = await client.PostAsJsonAsync("api/dev/sign-in", new { coordinatorId }, ct);
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task WaitForStageAsync(HttpClient client, string id, Stage stage, CancellationToken ct)
    {
        while (true)
        {
            var state = await client.GetFromJsonAsync<State>($"api/referrals/{id}", ct);
            if (state?.Stage == stage.ToString())
            {
                return;
            }

            await Task.Delay(250, ct);
        }
    }

    private static string Local(string address) =>
        address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal);

    private sealed record State(string Stage);

    private static IEnumerable<ReferralRequest> Samples()
    {
        ReferralRequest Sample(string given, string family, string venue, string service, string phone, string cancer, params PrecautionRequest[] precautions) => new(
            new ClientRequest(given, family, "1968-04-12", phone, $"{given.ToLowerInvariant()}@example.org", "sms", "America/New_York"),
            new OncologistRequest("Dr. Demo Oncologist", "Demo Oncology Practice", "oncologist@example.org", "+16175550100"),
            venue, service,
            new ClinicalSummaryRequest(cancer, [new TreatmentRequest("chemotherapy", "2026-09-01", null)], precautions),
            "Demo referral", 1);

        yield return Sample("Ada", "Sample", "harbor-infusion-center", "OncologyMassage", "+16175550143", "Breast cancer",
            new PrecautionRequest("PORT", "chest", "right", null));
        yield return Sample("Ben", "Example", "willow-spa-retreat", "OncologyMassage", "+16175550144", "Breast cancer",
            new PrecautionRequest("NODES_REMOVED", "arm", "left", "Axillary dissection"));
        yield return Sample("Cleo", "Placeholder", "st-anne-hospital", "EstheticianSkinCare", "+16175550145", "Colon cancer",
            new PrecautionRequest("SKIN_COMPROMISED", null, null, "EGFR inhibitor rash"));
        yield return Sample("Dev", "Testcase", "home-visits-north", "OncologyMassage", "+16175550146", "Lymphoma");
    }

    private sealed record Submitted(string Id);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Demo referral {ReferralId} submitted: {Url}")]
    private static partial void LogSubmitted(ILogger logger, string referralId, Uri? url);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Demo {ReferralId}: {What} (HTTP {Status})")]
    private static partial void LogStep(ILogger logger, string referralId, string what, int status);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Demo {ReferralId} stopped playing: {Reason}")]
    private static partial void LogPlayFailed(ILogger logger, string referralId, string reason);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "Demo stopped ({Error}: {Reason}); the host keeps serving")]
    private static partial void LogDemoFailed(ILogger logger, string error, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Demo referral {ReferralId} is left undecided: watch its reminders and its expiry")]
    private static partial void LogUndecided(ILogger logger, string referralId);
}
