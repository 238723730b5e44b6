using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>A background failure (the demo's, a sweep's) is logged; it never stops the local host.</summary>
public sealed class BackgroundFailureTests(AzuriteFixture azurite)
{
    /// <summary>A background service that fails outright, as the demo did on a used link (HTTP 410).</summary>
    private sealed class Fails : BackgroundService
    {
        public TaskCompletionSource Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            Failed.TrySetResult();
            throw new HttpRequestException("used link: 410 Gone");
        }
    }

    [Fact]
    public async Task StartAsync_ABackgroundServiceThrows_TheHostKeepsServing()
    {
        using var failing = new Fails(); // given to DI as an instance: DI does not dispose it
        using var logs = new CapturedLogs();
        var hub = "h" + Guid.NewGuid().ToString("N")[..12];
        await using var app = await LocalHostApp.BuildAsync([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["LocalHost:StorageConnectionString"] = azurite.ConnectionString,
                ["LocalHost:TaskHubName"] = hub,
                ["Storage:TablePrefix"] = hub,
            });
            b.Services.AddSingleton<IHostedService>(failing);
            b.Logging.AddProvider(logs);
        }, TestContext.Current.CancellationToken);

        await app.StartAsync(TestContext.Current.CancellationToken);
        await failing.Failed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        // The host's own signal that it handled the failure: it logs the fault, and would stop right after logging it.
        await Eventually.UntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.EventId.Name == "BackgroundServiceFaulted")), "the host's BackgroundServiceFaulted log");

        Assert.False(app.Lifetime.ApplicationStopping.IsCancellationRequested);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await http.GetAsync("", TestContext.Current.CancellationToken); // a stopped host refuses the connection
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
