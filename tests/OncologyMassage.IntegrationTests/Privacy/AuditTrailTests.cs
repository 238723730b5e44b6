using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.IntegrationTests.Tables;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// The audit trail (issue 14 item 6): hash-chained and append-only, so <c>verify-audit</c> names a changed or removed
/// entry; signed-link page views and pipeline pages are audited with what they showed.
/// </summary>
/// <remarks>
/// The tests that need a host share one <see cref="PrivacyHost"/>, each with a venue and coordinator of its own
/// (<see cref="PrivacyClient"/>). <c>VerifyAudit_AnEntryChangedInTheTable_Fails1NamingIt</c> leaves a changed entry in the
/// shared host's audit; no other test of the class verifies the host's whole audit.
/// </remarks>
public sealed class AuditTrailTests(AzuriteFixture azurite, PrivacyHost shared) : IClassFixture<PrivacyHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuditEntry Entry(string partition, string action) => new(partition, "coordinator", "coord-harbor", action, DateTimeOffset.UtcNow);

    private static TableAuditLog Log(StorageTables tables) => new(tables, new AuditKeys(tables));

    [Fact]
    public async Task VerifyAsync_AChainOfEntries_IsIntact()
    {
        var log = Log(StoreFactory.Tables(azurite));
        foreach (var action in new[] { "GetReferral", "GetReferralAudit", "CancelReferral" })
        {
            await log.RecordAsync(Entry("ref-0123456789abcdef0123456789abcdef", action), Ct);
        }

        var result = await log.VerifyAsync(null, Ct);

        Assert.True(result.IsIntact, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal((1, 3), (result.Partitions, result.Entries));
        Assert.Equal("CancelReferral", (await log.ListAsync("ref-0123456789abcdef0123456789abcdef", 10, Ct))[0].Action); // newest first
    }

    [Fact]
    public async Task RecordAsync_TwentyWritersAtOnce_OneUnbrokenChain()
    {
        var tables = StoreFactory.Tables(azurite);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Log(tables).RecordAsync(Entry("pipeline|harbor", "GetPipeline" + i), Ct)));

        var result = await Log(tables).VerifyAsync("pipeline|harbor", Ct);
        Assert.True(result.IsIntact, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(20, result.Entries);
    }

    [Fact]
    public async Task VerifyAudit_AnEntryChangedInTheTable_Fails1NamingIt()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        var coordinator = client.Venue.Coordinator;
        foreach (var _ in Enumerable.Range(0, 3))
        {
            (await coordinator.GetAsync($"api/referrals/{id}", Ct)).Dispose();
        }

        Assert.Equal(0, (await host.AdminAsync(azurite, "verify-audit")).Code);
        var audit = host.Tables.GetTableClient(host.TablePrefix + StorageTables.Audit);
        var partition = await host.App.Services.GetRequiredService<IAuditLog>().PseudonymAsync(id, Ct);
        var victim = (await host.RowsAsync(StorageTables.Audit)).Where(r => r.PartitionKey == partition && r.RowKey != TableAuditLog.HeadRowKey).OrderBy(r => r.GetInt64("Sequence")).First();
        victim["CallerId"] = "someone-else";
        await audit.UpdateEntityAsync(victim, victim.ETag, TableUpdateMode.Replace, Ct);

        var (code, _, error) = await host.AdminAsync(azurite, "verify-audit");

        Assert.Equal(1, code);
        Assert.Contains($"{partition}/{victim.RowKey}", error, StringComparison.Ordinal);
        Assert.Contains("changed after it was written", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_AnEntryDeleted_Fails1NamingTheGap()
    {
        var tables = StoreFactory.Tables(azurite);
        var log = Log(tables);
        foreach (var action in new[] { "a", "b", "c" })
        {
            await log.RecordAsync(Entry("ref-00000000000000000000000000000001", action), Ct);
        }

        var table = await tables.GetAsync(StorageTables.Audit, Ct);
        await table.DeleteEntityAsync(await log.PseudonymAsync("ref-00000000000000000000000000000001", Ct), TableAuditLog.RowKeyOf(2), cancellationToken: Ct);

        var result = await log.VerifyAsync("ref-00000000000000000000000000000001", Ct);
        Assert.Contains(result.Problems, p => p.Contains(TableAuditLog.RowKeyOf(3), StringComparison.Ordinal) && p.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignedLinkPageView_OpenedInABrowser_IsAuditedWithAddressAndUserAgent()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        var message = await new ReferralActors(host.Http, host.App.Services.GetRequiredService<IMessageOutbox>()).MessageAsync(id, ":md-release:1", Ct);
        using var browser = new HttpClient { BaseAddress = host.Http.BaseAddress };
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTestBrowser/1.0");

        using var page = await browser.GetAsync(ReferralActors.LinkIn(message, LinkPurposes.Release), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var view = Assert.Single(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(id, 100, Ct), e => e.Action == "View:" + LinkPurposes.Release);
        Assert.Equal((AuditCallers.OncologistLink, "AuditTestBrowser/1.0"), (view.CallerKind, view.UserAgent));
        Assert.False(string.IsNullOrEmpty(view.ClientAddress));
    }

    [Fact]
    public async Task GetPipeline_APage_IsAuditedWithTheReferralsItListed()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();

        using var page = await client.Venue.Coordinator.GetAsync("api/pipeline", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var entry = Assert.Single(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(AuditPartitions.Pipeline(client.Venue.Id), 10, Ct));
        Assert.Equal(("GetPipeline", client.Venue.CoordinatorId), (entry.Action, entry.CallerId));
        Assert.Contains(await host.App.Services.GetRequiredService<IAuditLog>().PseudonymAsync(id, Ct), entry.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(id, entry.Subject, StringComparison.Ordinal); // listed as a pseudonym, so an erase leaves no id here
    }

    [Fact]
    public async Task GetReferralAudit_AfterAPageView_ShowsItWithAddressAndUserAgent()
    {
        using var client = await PrivacyClient.CreateAsync(host);
        var id = await client.SubmitAsync();
        var message = await new ReferralActors(host.Http, host.App.Services.GetRequiredService<IMessageOutbox>()).MessageAsync(id, ":md-release:1", Ct);
        using (var browser = new HttpClient { BaseAddress = host.Http.BaseAddress })
        {
            browser.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTestBrowser/1.0");
            (await browser.GetAsync(ReferralActors.LinkIn(message, LinkPurposes.Release), Ct)).Dispose();
        }

        var audit = JsonDocument.Parse(await client.Venue.Coordinator.GetStringAsync(new Uri($"api/referrals/{id}/audit", UriKind.Relative), Ct)).RootElement;

        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "View:release" && e.GetProperty("userAgent").GetString() == "AuditTestBrowser/1.0");
    }
}
