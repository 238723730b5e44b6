using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// The daily jobs on the real engine (issue 14 item 2: purge of finished instances; item 3: retention through the erase
/// code), with a clock moved ahead.
/// </summary>
/// <remarks>
/// Each test keeps a host of its own: the jobs sweep the whole store (every closed referral, every finished instance)
/// and the tests count what they did, so a referral another test closed on a shared host would be swept too and change
/// the count ("a store nothing else may touch", docs/testing.md). The class runs beside <see cref="ExportTests"/>.
/// </remarks>
public sealed class PurgeJobsTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SubmitAsync(TestHost host)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["sessionsAuthorised"] = 1));
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        return id;
    }

    private static async Task<string> CancelledReferralAsync(TestHost host)
    {
        var id = await SubmitAsync(host);
        using var coordinator = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        using var cancelled = await coordinator.PostAsync($"api/referrals/{id}/cancel",
            new StringContent("""{"reason":"Client moved away"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        await host.WaitForStageAsync(id, Stage.Cancelled);
        return id;
    }

    private static ShiftedClock Later(TimeSpan ahead) => new(ahead);

    /// <summary>The system clock, moved ahead: the jobs see "a month later" while the engine runs on real time.</summary>
    private sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }

    [Fact]
    public async Task FinishedInstancePurge_AMonthAfterClosing_PurgesHistoryAndInstanceAndARerunPurgesNothing()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await CancelledReferralAsync(host);
        var open = await SubmitAsync(host);
        var data = host.App.Services.GetRequiredService<IReferralDataStore>();
        var options = Options.Create(new PrivacyOptions { PurgeHistoryAfterDays = 30 });

        var early = await new FinishedInstancePurge(data, host.Workflow, options, Later(TimeSpan.FromDays(29)), NullLogger<FinishedInstancePurge>.Instance).RunAsync(Ct);
        var due = await new FinishedInstancePurge(data, host.Workflow, options, Later(TimeSpan.FromDays(31)), NullLogger<FinishedInstancePurge>.Instance).RunAsync(Ct);
        var rerun = await new FinishedInstancePurge(data, host.Workflow, options, Later(TimeSpan.FromDays(31)), NullLogger<FinishedInstancePurge>.Instance).RunAsync(Ct);

        Assert.Equal((0, 1, 0), (early, due, rerun));
        Assert.False((await PrivacyScenario.InstanceAsync(host, id)).Exists);
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => r.Table is "History" or "Instances" && r.Row.PartitionKey == id);
        Assert.True((await PrivacyScenario.InstanceAsync(host, open)).Exists); // the open referral's instance is untouched
        Assert.NotNull(await host.App.Services.GetRequiredService<IReferralStore>().GetAsync(id, Ct)); // purge keeps the clinical rows
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_TheLocalClient_PurgesFinishedInstancesOnly()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await CancelledReferralAsync(host);
        await host.Durable.TerminateInstanceAsync(id, cancellation: Ct);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            wait.CancelAfter(TimeSpan.FromSeconds(60));
            await host.Durable.WaitForInstanceCompletionAsync(id, cancellation: wait.Token);
        }

        var open = await SubmitAsync(host);

        var result = await host.Durable.PurgeAllInstancesAsync(new Microsoft.DurableTask.Client.PurgeInstancesFilter(CreatedTo: DateTimeOffset.UtcNow.AddMinutes(1)), cancellation: Ct);

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.False((await PrivacyScenario.InstanceAsync(host, id)).Exists);
        Assert.True((await PrivacyScenario.InstanceAsync(host, open)).Exists);
    }

    [Fact]
    public async Task RetentionSweep_PastTheRetentionYears_ErasesTheClosedReferralOnly()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var closed = await CancelledReferralAsync(host);
        var open = await SubmitAsync(host);
        var services = host.App.Services;
        var options = Options.Create(new PrivacyOptions { RetentionYears = 7 });
        var clock = Later(TimeSpan.FromDays((7 * 366) + 1));
        var erasure = new ReferralErasure(services.GetRequiredService<IReferralDataStore>(), host.Workflow, services.GetRequiredService<IPhoneIndex>(), services.GetRequiredService<IInboxStore>(),
            services.GetRequiredService<IAuditLog>(), clock, NullLogger<ReferralErasure>.Instance);

        var erased = await new RetentionSweep(services.GetRequiredService<IReferralDataStore>(), erasure, services.GetRequiredService<IInboxStore>(), options, clock, NullLogger<RetentionSweep>.Instance).RunAsync(Ct);

        Assert.Equal(1, erased);
        var referrals = services.GetRequiredService<IReferralStore>();
        Assert.Null(await referrals.GetAsync(closed, Ct));
        Assert.NotNull(await referrals.GetAsync(open, Ct));
        var tombstone = (await services.GetRequiredService<IAuditLog>().ListAsync(closed, 10, Ct))[0];
        Assert.Equal((ReferralErasure.AuditAction, AuditCallers.System, "retention"), (tombstone.Action, tombstone.CallerKind, tombstone.CallerId));
        Assert.DoesNotContain(await PrivacyScenario.ScanAsync(host), r => !PrivacyScenario.IsTombstone(r, closed) && (r.Row.PartitionKey == closed || r.Text.Contains(closed, StringComparison.Ordinal)));
    }
}
