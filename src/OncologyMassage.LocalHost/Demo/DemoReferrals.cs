using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Text.RegularExpressions;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Demo;

/// <summary>
/// <c>--demo</c>: submits sample referrals through the real HTTP API as a referring practice would, then plays the
/// oncologist through the signed link in each release email (read from the dev outbox): one release approved, one
/// approved with restrictions, one declined, one left undecided so that the reminders and the expiry can be watched.
/// </summary>
public sealed partial class DemoReferrals(
    IServer server, IHostApplicationLifetime lifetime, IMessageOutbox outbox, IConfiguration configuration, ILogger<DemoReferrals> logger)
    : BackgroundService
{
    public const string PracticeApiKey = "demo-practice-key";

    public static Practice Practice { get; } = new("demo-practice", "Demo Oncology Practice");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? LocalHostApp.DefaultUrl;
        using var http = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)) };
        http.DefaultRequestHeaders.Add(PracticeKeys.Header, configuration["Demo:PracticeApiKey"] is { Length: > 0 } key ? key : PracticeApiKey);

        var ids = new List<string>();
        foreach (var (sample, index) in Samples().Select((s, i) => (s, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = JsonContent.Create(sample) };
            request.Headers.Add("Idempotency-Key", $"demo-referral-{index + 1}");
            using var response = await http.SendAsync(request, stoppingToken);
            var body = await response.Content.ReadFromJsonAsync<Submitted>(stoppingToken);
            ids.Add(body!.Id);
            LogSubmitted(logger, body.Id, response.Headers.Location);
        }

        var signature = new Dictionary<string, string> { ["physicianName"] = "Dr. Demo Oncologist", ["signature"] = "Dr. Demo Oncologist", ["attest"] = "yes" };
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        await DecideAsync(http, ids[0], new(signature) { ["decision"] = "approve" }, stoppingToken);
        await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
        await DecideAsync(http, ids[1], new(signature)
        {
            ["decision"] = "restrict", ["maxPressure"] = "3", ["site0Region"] = "upper-quadrant", ["site0Side"] = "left", ["site0Pressure"] = "2",
            ["conditions"] = "Strokes toward the trunk on the left arm",
        }, stoppingToken);
        await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
        await DecideAsync(http, ids[2], new(signature) { ["decision"] = "decline", ["reason"] = "Not during the current treatment cycle" }, stoppingToken);
        LogUndecided(logger, ids[3]);
    }

    /// <summary>Opens the release link from the referral's email in the dev outbox and posts the form, as the oncologist would.</summary>
    private async Task DecideAsync(HttpClient http, string referralId, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var link = await ReleaseLinkAsync(referralId, cancellationToken);
        using var response = await http.PostAsync(link.PathAndQuery.TrimStart('/'), new FormUrlEncodedContent(form), cancellationToken);
        LogDecided(logger, referralId, form["decision"], (int)response.StatusCode);
    }

    private async Task<Uri> ReleaseLinkAsync(string referralId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var email = (await outbox.ListAsync(referralId, cancellationToken)).FirstOrDefault(m => m.IdempotencyKey.EndsWith(":md-release:1", StringComparison.Ordinal));
            var match = email is null ? null : LinkPattern().Match(email.Body);
            if (match is { Success: true })
            {
                return new Uri(match.Value);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    [GeneratedRegex(@"https?://\S+/api/release/\S+")]
    private static partial Regex LinkPattern();

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

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Demo oncologist answered the release form of {ReferralId}: {Decision} (HTTP {Status})")]
    private static partial void LogDecided(ILogger logger, string referralId, string decision, int status);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Demo referral {ReferralId} is left undecided: watch its reminders and its expiry")]
    private static partial void LogUndecided(ILogger logger, string referralId);
}
