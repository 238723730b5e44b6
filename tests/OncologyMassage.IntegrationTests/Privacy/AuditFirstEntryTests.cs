using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>
/// <see cref="TableAuditLog.RecordFirstAsync"/>: a new referral's first audit entry goes in without reading the chain's
/// head first, and a partition that has entries after all gets the entry chained onto its head, never a fork.
/// </summary>
public sealed class AuditFirstEntryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordFirstAsync_NewPartition_OneRequestToTheAuditTableAndAValidChain()
    {
        var (log, requests, prefix) = NewLog();
        await log.RecordAsync(Entry(NewReferralId(), "Warm"), Ct); // creates the tables and the pseudonym key
        var referralId = NewReferralId();
        requests.Clear();

        await log.RecordFirstAsync(Entry(referralId, "SubmitReferral"), Ct);
        var firstRequests = AuditTableRequests(requests, prefix);
        await log.RecordAsync(Entry(referralId, "GetReferral"), Ct);

        Assert.Equal(1, firstRequests);
        var verification = await log.VerifyAsync(referralId, Ct);
        Assert.Empty(verification.Problems);
        Assert.Equal(2, verification.Entries);
        Assert.Equal(["GetReferral", "SubmitReferral"], (await log.ListAsync(referralId, 10, Ct)).Select(e => e.Action));
    }

    [Fact]
    public async Task RecordFirstAsync_PartitionWithEntries_ChainsOntoItsHead()
    {
        var (log, _, _) = NewLog();
        var referralId = NewReferralId();
        await log.RecordAsync(Entry(referralId, "SubmitReferral"), Ct);
        await log.RecordAsync(Entry(referralId, "GetReferral"), Ct);

        await log.RecordFirstAsync(Entry(referralId, "SubmitReferral"), Ct);

        var verification = await log.VerifyAsync(referralId, Ct);
        Assert.Empty(verification.Problems);
        Assert.Equal(3, verification.Entries);
        Assert.Equal(3, (await log.ListAsync(referralId, 10, Ct)).Count);
    }

    private static AuditEntry Entry(string referralId, string action) => new(referralId, "practice", "practice-1", action, DateTimeOffset.UtcNow);

    private static string NewReferralId() => "ref-" + Guid.NewGuid().ToString("N");

    /// <summary>Requests that read or write the audit table (its head read, or a transaction), not its keys table.</summary>
    private static int AuditTableRequests(IEnumerable<string> requests, string prefix) =>
        requests.Count(r => r.Contains("$batch", StringComparison.Ordinal) || r.Contains("/" + prefix + StorageTables.Audit + "(", StringComparison.Ordinal));

    private (TableAuditLog Log, ConcurrentQueue<string> Requests, string Prefix) NewLog()
    {
        var requests = new ConcurrentQueue<string>();
        var options = new TableClientOptions();
        options.AddPolicy(new Recorder(requests), HttpPipelinePosition.PerRetry);
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var tables = new StorageTables(new TableServiceClient(azurite.ConnectionString, options),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = prefix }));
        return (new TableAuditLog(tables, new AuditKeys(tables)), requests, prefix);
    }

    private sealed class Recorder(ConcurrentQueue<string> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => requests.Enqueue(message.Request.Method + " " + message.Request.Uri.ToUri().AbsolutePath);
    }
}
