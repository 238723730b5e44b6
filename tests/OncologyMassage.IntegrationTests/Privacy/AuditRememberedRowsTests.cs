using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// The audit's chain heads and content keys a host remembers (issue #16 item 4) on real Table Storage: an append chains
/// onto the head this host wrote last without reading it, and a page view encrypts under the key this host read last; a
/// head moved by another host is detected by its ETag (no fork, no lost entry), and an erase leaves no key readable or
/// remade. Each "host" is its own <see cref="TableAuditLog"/> and <see cref="AuditKeys"/> with caches of its own over the
/// same tables; every request is counted by table and method.
/// </summary>
public sealed class AuditRememberedRowsTests(AzuriteFixture azurite)
{
    private readonly TableRequestCount requests = new();
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordAsync_TwoAppendsOnOneHost_ReadsTheHeadOnce()
    {
        var host = NewHost(Tables(counted: true));
        await host.Log.RecordAsync(Entry(NewReferralId(), "Warm"), Ct); // creates the tables and the pseudonym key
        var referralId = NewReferralId();
        requests.Clear();

        await host.Log.RecordAsync(Entry(referralId, "GetReferral"), Ct);
        await host.Log.RecordAsync(Entry(referralId, "GetTimeline"), Ct);

        Assert.Equal((1, 2), (requests.Of("GET", StorageTables.Audit), requests.Of("POST", "$batch")));
        Assert.Equal(2, (await host.Log.VerifyAsync(referralId, Ct)).Entries);
    }

    [Fact]
    public async Task RecordAsync_AnotherHostAppendedInBetween_FailsOnceOnTheStaleHeadThenChainsOntoTheNewOne()
    {
        var tables = Tables(counted: true);
        var hostA = NewHost(tables);
        var hostB = NewHost(tables);
        var referralId = NewReferralId();
        await hostA.Log.RecordAsync(Entry(referralId, "One"), Ct);
        await hostB.Log.RecordAsync(Entry(referralId, "Two"), Ct); // moves the head host A remembers
        requests.Clear();

        await hostA.Log.RecordAsync(Entry(referralId, "Three"), Ct);

        Assert.Equal((1, 2), (requests.Of("GET", StorageTables.Audit), requests.Of("POST", "$batch"))); // the stale head's transaction failed, nothing went in
        var verification = await hostA.Log.VerifyAsync(referralId, Ct);
        Assert.Empty(verification.Problems);
        Assert.Equal(["Three", "Two", "One"], (await hostB.Log.ListAsync(referralId, 10, Ct)).Select(e => e.Action));
    }

    [Fact]
    public async Task RecordAsync_TwoHostsTakingTurns_OneUnbrokenChainWithEveryEntry()
    {
        var tables = Tables(counted: false);
        var hosts = new[] { NewHost(tables), NewHost(tables) };
        var referralId = NewReferralId();

        await Task.WhenAll(hosts.Select((host, h) => Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                await host.Log.RecordAsync(Entry(referralId, $"Host{h}-{i}"), Ct);
            }
        }, Ct)));

        var verification = await hosts[0].Log.VerifyAsync(referralId, Ct);
        Assert.Empty(verification.Problems);
        Assert.Equal(12, verification.Entries);
    }

    [Fact]
    public async Task RecordAsync_TwoPageViewsOnOneHost_ReadsTheContentKeyOnce()
    {
        var host = NewHost(Tables(counted: true));
        await host.Log.RecordAsync(Entry(NewReferralId(), "Warm"), Ct);
        var referralId = NewReferralId();
        requests.Clear();

        await host.Log.RecordAsync(PageView(referralId, "View:intake"), Ct);
        await host.Log.RecordAsync(PageView(referralId, "Submit:intake"), Ct);

        Assert.Equal((1, 1), (requests.Of("GET", StorageTables.AuditKeys), requests.Of("POST", StorageTables.AuditKeys))); // read (none yet), made; then remembered
        Assert.All(await host.Log.ListAsync(referralId, 10, Ct), e => Assert.Equal("203.0.113.7", e.ClientAddress));
    }

    [Fact]
    public async Task EraseRowsAsync_ContentKeyRememberedOnThisHost_ForgetsIt()
    {
        var tables = Tables(counted: false);
        var host = NewHost(tables);
        var referralId = NewReferralId();
        await host.Log.RecordAsync(PageView(referralId, "View:intake"), Ct);
        Assert.NotNull(host.ContentKeys.Get(referralId));

        await new TableReferralData(tables, new PipelineBoard(tables), null, host.Keys).EraseRowsAsync(referralId, Ct);

        Assert.Null(host.ContentKeys.Get(referralId));
    }

    [Fact]
    public async Task RecordAsync_KeyRememberedOnAnotherHostWhileErased_MakesNoNewKeyAndTheChainStillVerifies()
    {
        var tables = Tables(counted: false);
        var erasing = NewHost(tables);
        var other = NewHost(tables);
        var referralId = NewReferralId();
        await other.Log.RecordAsync(PageView(referralId, "View:consent"), Ct);

        await new TableReferralData(tables, new PipelineBoard(tables), null, erasing.Keys).EraseRowsAsync(referralId, Ct);
        await other.Log.RecordAsync(PageView(referralId, "Submit:consent"), Ct); // opened before the referral row went
        await erasing.Log.RecordAsync(Entry(referralId, "Erase"), Ct);

        var keyRows = 0;
        await foreach (var _ in (await tables.GetAsync(StorageTables.AuditKeys, Ct)).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: Ct))
        {
            keyRows++;
        }

        Assert.Equal(0, keyRows);
        Assert.Empty((await erasing.Log.VerifyAsync(referralId, Ct)).Problems);
        Assert.All((await other.Log.ListAsync(referralId, 10, Ct)).Where(e => e.Action != "Erase"),
            e => Assert.Equal((AuditKeys.Erased, AuditKeys.Erased), (e.ClientAddress, e.UserAgent))); // the remembered key never reads
    }

    private static AuditEntry Entry(string referralId, string action) => new(referralId, "coordinator", "coord-harbor", action, DateTimeOffset.UtcNow);

    private static AuditEntry PageView(string referralId, string action) =>
        new(referralId, AuditCallers.ClientLink, "intake", action, DateTimeOffset.UtcNow) { ClientAddress = "203.0.113.7", UserAgent = "AuditTestBrowser/1.0" };

    private static string NewReferralId() => "ref-" + Guid.NewGuid().ToString("N");

    /// <summary>One host's audit: its log and keys, each with a cache of its own, as the app registers them.</summary>
    private static Host NewHost(StorageTables tables)
    {
        var contentKeys = new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System);
        var keys = new AuditKeys(tables, contentKeys);
        return new Host(new TableAuditLog(tables, keys, new ReferralRowCache(TimeSpan.FromMinutes(1), TimeProvider.System)), keys, contentKeys);
    }

    private StorageTables Tables(bool counted) => TableRequestCount.Tables(azurite, prefix, counted ? requests : null);

    private sealed record Host(TableAuditLog Log, AuditKeys Keys, ReferralRowCache ContentKeys);
}
