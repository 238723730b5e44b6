using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.LocalHost.Demo;

/// <summary>
/// <c>--demo</c>: submits sample referrals through the real HTTP API as a referring practice would, then plays the
/// oncologist: one release approved, one approved with restrictions, one declined, one left undecided so that the
/// reminders and the expiry deadline can be watched.
/// </summary>
public sealed partial class DemoReferrals(IServer server, IHostApplicationLifetime lifetime, DurableTaskClient durable, ILogger<DemoReferrals> logger)
    : BackgroundService
{
    public const string PracticeApiKey = "demo-practice-key";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? LocalHostApp.DefaultUrl;
        using var http = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)) };
        http.DefaultRequestHeaders.Add("X-Api-Key", PracticeApiKey);

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

        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        await DecideAsync(ids[0], new ReleaseDecision(ReleaseOutcome.Approved, "Dr. Demo Oncologist", [], null), stoppingToken);
        await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
        await DecideAsync(ids[1], new ReleaseDecision(ReleaseOutcome.ApprovedWithRestrictions, "Dr. Demo Oncologist",
            [new Precaution(PrecautionCode.NodesRemoved, BodyRegion.Arm, BodySide.Left, "No pressure above level 2 on the left arm")], null), stoppingToken);
        await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
        await DecideAsync(ids[2], new ReleaseDecision(ReleaseOutcome.Declined, "Dr. Demo Oncologist", [], "Not during the current treatment cycle"), stoppingToken);
        LogUndecided(logger, ids[3]);
    }

    private async Task DecideAsync(string referralId, ReleaseDecision decision, CancellationToken cancellationToken)
    {
        await durable.RaiseEventAsync(referralId, WorkflowEvents.ReleaseDecided, decision, cancellationToken);
        LogDecided(logger, referralId, decision.Outcome);
    }

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

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Demo oncologist decided {ReferralId}: {Outcome}")]
    private static partial void LogDecided(ILogger logger, string referralId, ReleaseOutcome outcome);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Demo referral {ReferralId} is left undecided: watch its reminders and its expiry")]
    private static partial void LogUndecided(ILogger logger, string referralId);
}
