using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Configuration;
using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// The app's storage clients (built as the host builds them, from configuration) against Azurite through the
/// <see cref="FaultProxy"/>: transient faults are retried away, a hung request is abandoned after the configured network
/// timeout, and a request that fails for good throws (it is never dropped silently). One Azurite for the class
/// (<see cref="StorageFaultAzurite"/>); each test has its own proxy (its own fault script and counts) and its own table.
/// </summary>
public sealed class StorageFaultTests(StorageFaultAzurite azurite) : IClassFixture<StorageFaultAzurite>, IAsyncLifetime
{
    private readonly string tableName = "Faults" + Guid.NewGuid().ToString("N")[..12];
    private FaultProxy proxy = null!;

    public async ValueTask InitializeAsync() => proxy = await FaultProxy.StartAsync(azurite.ConnectionString, rate: 0, seed: 1);

    public async ValueTask DisposeAsync() => await proxy.DisposeAsync();

    [Fact]
    public async Task TableService_ServerBusyInternalErrorAndDroppedConnections_RetriedAndRowWrittenOnce()
    {
        var table = Tables(maxRetries: 5, networkTimeout: TimeSpan.FromSeconds(5)).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        proxy.Script(StorageFault.ServiceUnavailable, StorageFault.InternalError, StorageFault.DropBefore);

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = 1 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, proxy.Faults);
        var rows = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal("r", row.RowKey);
            rows++;
        }

        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task TableService_AnswerHangsPastNetworkTimeout_AbandonedAndRetriedWithinSeconds()
    {
        var table = Tables(maxRetries: 3, networkTimeout: TimeSpan.FromSeconds(1)).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        proxy.HangFor = TimeSpan.FromSeconds(30);
        proxy.Script(StorageFault.Hang);
        var clock = Stopwatch.StartNew();

        await table.UpsertEntityAsync(new TableEntity("p", "hung") { ["Value"] = 1 }, cancellationToken: TestContext.Current.CancellationToken);

        // Without the configured network timeout the SDK would wait 100 s; the hang holds 30 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(1, proxy.Counts[("table", StorageFault.Hang)]);
    }

    [Fact]
    public async Task TableService_FaultOutlastsRetries_ThrowsRequestFailed()
    {
        var table = Tables(maxRetries: 1, networkTimeout: TimeSpan.FromSeconds(5)).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        proxy.Script(StorageFault.ServiceUnavailable, StorageFault.ServiceUnavailable);

        var failed = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpsertEntityAsync(new TableEntity("p", "lost") { ["Value"] = 1 }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(503, failed.Status);
    }

    private TableServiceClient Tables(int maxRetries, TimeSpan networkTimeout) =>
        ServiceCollectionExtensions.CreateTableService(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppSettings.HostStorage] = proxy.ConnectionString,
            [$"{StorageRetryOptions.SectionName}:{nameof(StorageRetryOptions.MaxRetries)}"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{StorageRetryOptions.SectionName}:{nameof(StorageRetryOptions.Delay)}"] = "00:00:00.050",
            [$"{StorageRetryOptions.SectionName}:{nameof(StorageRetryOptions.NetworkTimeout)}"] = networkTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        }).Build());
}

/// <summary>The Azurite the storage fault tests share: starting one costs seconds, and each test writes to a table of its own.</summary>
public sealed class StorageFaultAzurite : IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "om-faults-" + Guid.NewGuid().ToString("N"));
    private AzuriteInstance? azurite;

    public string ConnectionString => azurite!.ConnectionString;

    public async ValueTask InitializeAsync() => azurite = await AzuriteLauncher.StartAsync(dataFolder, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
