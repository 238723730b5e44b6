using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// POST /api/referrals answers once the referral row and its audit entry are stored; the phone index and the orchestration
/// start follow on the host, and the orphan sweep starts what a lost start left (docs/decisions/0010-answer-before-start.md).
/// </summary>
public sealed class AnswerBeforeStartTests(SharedCoordinatorHost shared, AzuriteFixture azurite) : IClassFixture<SharedCoordinatorHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitReferral_NewReferral_Answers202AsDocumentedWithItsAuditEntryAndStartsMomentsLater()
    {
        var phone = TestPhone.Unique();

        using var response = await host.PostReferralAsync(Samples.Referral(r => r["client"]!["mobilePhone"] = phone.Display));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<SubmittedReferral>(ApiJson.Options, Ct);
        Assert.Equal(Stage.Received, body!.Stage);
        Assert.EndsWith("/api/referrals/" + body.Id, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Written before the answer: complete when the practice hears "accepted".
        Assert.Contains(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(body.Id, 10, Ct), e => e.Action == nameof(ReferralFunctions.SubmitReferral));

        await host.WaitForStageAsync(body.Id, Stage.MdReleaseRequested);
        Assert.Contains(body.Id, await host.App.Services.GetRequiredService<IPhoneIndex>().ReferralsOfAsync(phone.E164, Ct));
    }

    [Fact]
    public async Task SubmitReferral_RepeatedIdempotencyKey_ReturnsTheSameReferralWhichStartsOnce()
    {
        var key = "answer-before-start-" + Guid.NewGuid().ToString("N");
        var json = Samples.Referral();

        using var first = await host.PostReferralAsync(json, key);
        using var again = await host.PostReferralAsync(json, key); // may arrive while the first one's start is still under way

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var id = first.Headers.Location!.OriginalString.Split('/')[^1];
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        Assert.Single(await host.InstancesAsync(), i => i.InstanceId == id);
    }

    [Fact]
    public async Task Cancel_ReferralWhoseWorkflowHasNotStarted_Returns409StartingAndRecordsNothing()
    {
        // The moment between the answer and the start: a row with no instance. The engine would drop a cancel raised now.
        var id = await WriteRowOnlyAsync(host);
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.PostAsync($"api/referrals/{id}/cancel",
            new StringContent("""{"reason":"Duplicate referral"}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.EndsWith("/starting", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct), e => e.Kind == TimelineKind.CoordinatorAction);
    }

    [Fact]
    public async Task SubmitReferral_HostStopsBetweenTheAnswerAndTheStart_TheSweepIndexesThePhoneAndStartsIt()
    {
        // A host of its own: its work after the answer is lost (as when the process dies or is frozen right after the
        // response), and its sweep runs every half second for rows older than 3 s.
        var lost = new LostAfterAnswer();
        await using var dying = await TestHost.StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12],
            services: s => s.AddSingleton<IAfterAnswerWork>(lost),
            overrides: new Dictionary<string, string?> { ["OrphanReferrals:SettleAfter"] = "00:00:03", ["LocalHost:OrphanSweepInterval"] = "00:00:00.500" });
        var phone = TestPhone.Unique();

        using var response = await dying.PostReferralAsync(Samples.Referral(r => r["client"]!["mobilePhone"] = phone.Display));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = response.Headers.Location!.OriginalString.Split('/')[^1];
        Assert.Equal([id], lost.ReferralIds);
        var phones = dying.App.Services.GetRequiredService<IPhoneIndex>();
        Assert.DoesNotContain(id, await phones.ReferralsOfAsync(phone.E164, Ct));
        Assert.Contains(await dying.App.Services.GetRequiredService<IAuditLog>().ListAsync(id, 10, Ct), e => e.Action == nameof(ReferralFunctions.SubmitReferral));

        await dying.WaitForStageAsync(id, Stage.MdReleaseRequested, TimeSpan.FromSeconds(30));
        Assert.Contains(id, await phones.ReferralsOfAsync(phone.E164, Ct));
    }

    /// <summary>What a referral is between its answer and its start: the row, no instance.</summary>
    private static async Task<string> WriteRowOnlyAsync(TestHost target)
    {
        var request = JsonSerializer.Deserialize<ReferralRequest>(Samples.Referral(r => r["venueId"] = Harbor), ApiJson.Options);
        var now = DateTimeOffset.UtcNow;
        var normalized = target.App.Services.GetRequiredService<ReferralNormalizer>().Normalize(request, DateOnly.FromDateTime(now.UtcDateTime));
        Assert.True(normalized.IsValid);
        var id = ReferralIds.New(now);
        Assert.True(await target.App.Services.GetRequiredService<IReferralStore>().TryCreateAsync(
            new ReferralRecord(id, OncologyMassage.LocalHost.Demo.DemoReferrals.Practice.Id, normalized.Referral!, Stage.Received, 0, now, now, null), Ct));
        return id;
    }

    /// <summary>Work after the answer that never runs: the host died, stopped or was frozen once the response was sent.</summary>
    private sealed class LostAfterAnswer : IAfterAnswerWork
    {
        private readonly List<string> referralIds = [];

        public string[] ReferralIds
        {
            get
            {
                lock (referralIds)
                {
                    return [.. referralIds];
                }
            }
        }

        public void Run(string referralId, Func<CancellationToken, Task> work)
        {
            lock (referralIds)
            {
                referralIds.Add(referralId);
            }
        }
    }
}
