using System.Net;
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
/// Export (issue 14 item 5: admin command and the coordinators' route, one versioned document) and the daily jobs on the
/// real engine (item 2: purge of finished instances; item 3: retention through the erase code), with a clock moved ahead.
/// </summary>
public sealed class ExportAndPurgeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> CancelledReferralAsync(TestHost host)
    {
        var id = await PrivacyScenario.SubmitAsync(host);
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
    public async Task Export_AdminCommand_WritesOneVersionedDocumentWithMessagesAsSentAndTheAudit()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await PrivacyScenario.SubmitAsync(host);
        // The stage moves to MdReleaseRequested before the release email is sent: wait for the send the export must show.
        await Eventually.UntilAsync(async () => (await host.RowsAsync(StorageTables.Outbox, id)).Any(r => r.RowKey.EndsWith(":md-release:1", StringComparison.Ordinal) && r.GetString("Status") == "Sent"), "the release email sent");
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = await host.AdminAsync(azurite, "export", "--referral", id, "--out", file);

            Assert.True(code == 0, error);
            Assert.Contains("schema version 1", output, StringComparison.Ordinal);
            var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, Ct)).RootElement;
            Assert.Equal((1, id), (document.GetProperty("schemaVersion").GetInt32(), document.GetProperty("referralId").GetString()));
            Assert.Equal("Ada", document.GetProperty("referral").GetProperty("referral").GetProperty("client").GetProperty("givenName").GetString());
            var release = Assert.Single(document.GetProperty("messages").EnumerateArray(), m => m.GetProperty("idempotencyKey").GetString()!.EndsWith(":md-release:1", StringComparison.Ordinal));
            Assert.Contains("/api/release/", release.GetProperty("body").GetString(), StringComparison.Ordinal);
            Assert.Contains(document.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == ReferralExport.AuditAction);
            Assert.NotEmpty(document.GetProperty("timeline").EnumerateArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ExportReferral_CoordinatorOfTheVenue_GetsTheDocumentAndOthersA404()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await PrivacyScenario.SubmitAsync(host);
        using var own = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        using var other = await host.SignInAsync(CoordinatorHost.LighthouseCoordinator);

        using var mine = await own.GetAsync($"api/referrals/{id}/export", Ct);
        using var theirs = await other.GetAsync($"api/referrals/{id}/export", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (mine.StatusCode, theirs.StatusCode));
        var document = JsonDocument.Parse(await mine.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(ReferralExportDocument.CurrentSchemaVersion, document.GetProperty("schemaVersion").GetInt32());
        Assert.Contains(document.GetProperty("audit").EnumerateArray(), a => a.GetProperty("action").GetString() == "ExportReferral");
        Assert.Equal("attachment", mine.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task FinishedInstancePurge_AMonthAfterClosing_PurgesHistoryAndInstanceAndARerunPurgesNothing()
    {
        await using var host = await PrivacyScenario.StartAsync(azurite);
        var id = await CancelledReferralAsync(host);
        var open = await PrivacyScenario.SubmitAsync(host);
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

        var open = await PrivacyScenario.SubmitAsync(host);

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
        var open = await PrivacyScenario.SubmitAsync(host);
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
