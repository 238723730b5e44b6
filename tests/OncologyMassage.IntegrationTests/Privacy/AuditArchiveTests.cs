using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.Audit;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.IntegrationTests.Tables;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Privacy;

/// <summary>The daily copy of the audit to its archive container (immutable in Azure), against Azurite's blob service.</summary>
public sealed class AuditArchiveTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CopyDayAsync_TheDaysEntries_WritesThemOnceWithTheirHashes()
    {
        var tables = StoreFactory.Tables(azurite);
        var log = new TableAuditLog(tables, new AuditKeys(tables));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await log.RecordAsync(new AuditEntry("ref-0123456789abcdef0123456789abcdef", "coordinator", "coord-harbor", "GetReferral", DateTimeOffset.UtcNow), Ct);
        await log.RecordAsync(new AuditEntry("ref-0123456789abcdef0123456789abcdef", "coordinator", "coord-harbor", "GetReferralAudit", DateTimeOffset.UtcNow), Ct);
        await log.RecordAsync(new AuditEntry("ref-0123456789abcdef0123456789abcdef", "coordinator", "coord-harbor", "Yesterday", DateTimeOffset.UtcNow.AddDays(-1)), Ct);
        var container = "audit" + Guid.NewGuid().ToString("N")[..12];
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var archive = new BlobAuditArchive(blobs, log, Options.Create(new PrivacyOptions { AuditArchiveContainer = container }), TimeProvider.System);

        var first = await archive.CopyDayAsync(today, Ct);
        var second = await archive.CopyDayAsync(today, Ct);

        Assert.Equal((2, 0), (first, second));
        var lines = (await blobs.GetBlobContainerClient(container).GetBlobClient(BlobAuditArchive.BlobName(today)).DownloadContentAsync(Ct)).Value.Content
            .ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"hash\":\"", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Yesterday", StringComparison.Ordinal));
    }
}
