using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.LocalHost;

using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// The real local host (HTTP functions + Durable Task engine on the Azure Storage backend) against the shared Azurite,
/// isolated by its own task hub and table prefix. Workflow timings are shrunk through options, never faked. Like the
/// local host, it starts with the demo practice and the five demo venues (DemoVenues) seeded under its prefix.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, HttpClient http, string taskHub, string tablePrefix)
    {
        App = app;
        Http = http;
        TaskHub = taskHub;
        TablePrefix = tablePrefix;
    }

    /// <summary>One key for the test run, so a restarted host still accepts the links the first one sent.</summary>
    public static string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The key the local host seeds for its demo practice; every test request sends it unless it says otherwise.</summary>
    public const string DemoPracticeKey = "demo-practice-key";

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string TaskHub { get; }

    public string TablePrefix { get; }

    public DurableTaskClient Durable => App.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Workflow's port to the engine, as the app's services use it.</summary>
    public IReferralWorkflowClient Workflow => App.Services.GetRequiredService<IReferralWorkflowClient>();

    public TableServiceClient Tables => App.Services.GetRequiredService<TableServiceClient>();

    public static Task<TestHost> StartAsync(AzuriteFixture azurite, TimeSpan? releaseReminderAfter = null, TimeSpan? releaseExpiresAfter = null) =>
        StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], releaseReminderAfter, releaseExpiresAfter);

    /// <summary>Starts a host with settings over the test defaults (e.g. every workflow duration shrunk, or Twilio and SendGrid pointed at a stub).</summary>
    public static Task<TestHost> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?> extraSettings) =>
        StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], overrides: extraSettings);

    /// <summary>Starts a host with extra services registered before the app's own (the app's registrations win).</summary>
    public static Task<TestHost> StartWithServicesAsync(AzuriteFixture azurite, Action<IServiceCollection> services) =>
        StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], services: services);

    /// <summary>Starts a host on an existing task hub and table prefix (a restart of the same deployment).</summary>
    public static async Task<TestHost> StartAsync(AzuriteFixture azurite, string hub, TimeSpan? releaseReminderAfter = null, TimeSpan? releaseExpiresAfter = null,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LocalHost:StorageConnectionString"] = azurite.ConnectionString,
            ["LocalHost:TaskHubName"] = hub,
            ["LocalHost:MaxQueuePollingInterval"] = "00:00:00.200",
            ["LocalHost:WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["LocalHost:ControlQueueVisibilityTimeout"] = "00:00:10",
            ["LocalHost:RecoveryBound"] = "00:00:00", // deadlines shrink to seconds here; the restart tests set their own
            ["Storage:TablePrefix"] = hub,
            ["Links:SigningKey"] = SigningKey,
            ["Links:PublicBaseUrl"] = "https://om.example",
            ["Workflow:ReleaseReminderAfter"] = (releaseReminderAfter ?? TimeSpan.FromHours(1)).ToString("c", CultureInfo.InvariantCulture),
            ["Workflow:ReleaseExpiresAfter"] = (releaseExpiresAfter ?? TimeSpan.FromHours(2)).ToString("c", CultureInfo.InvariantCulture),
            ["Workflow:ActivityRetryInterval"] = "00:00:00.100",
            // No quiet hours in tests unless a test asks for them: results must not depend on the time of day.
            ["Workflow:QuietHoursStart"] = "00:00:00",
            ["Workflow:QuietHoursEnd"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await LocalHostApp.BuildAsync([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(b.Services);
            configure?.Invoke(b);
        }, TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", DemoPracticeKey);
        return new TestHost(app, http, hub, hub);
    }

    public async Task<HttpResponseMessage> PostReferralAsync(string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/referrals") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Polls GET /api/referrals/{id} until the referral reaches <paramref name="stage"/>.</summary>
    public async Task<ReferralState> WaitForStageAsync(string id, Stage stage, TimeSpan? timeout = null) =>
        (await Eventually.UntilAsync(() => Http.GetFromJsonAsync<ReferralState>($"api/referrals/{id}", Json.Options, TestContext.Current.CancellationToken),
            state => state?.Stage == stage, $"referral {id} at {stage}", timeout))!;

    /// <summary>Every row in one of this host's tables (none when the table was never created).</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string table)
    {
        var client = Tables.GetTableClient(TablePrefix + table);
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in client.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Never created: no rows.
        }

        return rows;
    }

    /// <summary>The rows of one referral (PartitionKey = its id) in one of this host's tables: what a test on a shared host reads.</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string table, string referralId) =>
        (await RowsAsync(table)).Where(r => r.PartitionKey == referralId).ToArray();

    /// <summary>The referral rows (RowKey "referral"), without the timeline entries that share their partitions.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReferralRowsAsync() =>
        (await RowsAsync(StorageTables.Referrals)).Where(r => r.RowKey == "referral").ToArray();

    /// <summary>One referral's timeline rows, in its partition of the Referrals table (RowKey "t|…"), in key order.</summary>
    public async Task<IReadOnlyList<TableEntity>> TimelineRowsAsync(string referralId) =>
        (await RowsAsync(StorageTables.Referrals, referralId)).Where(r => r.RowKey.StartsWith("t|", StringComparison.Ordinal)).ToArray();

    public async Task<IReadOnlyList<Microsoft.DurableTask.Client.OrchestrationMetadata>> InstancesAsync()
    {
        var instances = new List<Microsoft.DurableTask.Client.OrchestrationMetadata>();
        await foreach (var instance in Durable.GetAllInstancesAsync())
        {
            instances.Add(instance);
        }

        return instances;
    }

    /// <summary>Rows in every table a request can write (practice keys, venues and coordinators are seeded at start-up, not written by requests).</summary>
    public async Task<int> TotalRowsAsync()
    {
        var total = 0;
        foreach (var table in StorageTables.All.Where(t => t is not StorageTables.PracticeKeys and not StorageTables.Venues and not StorageTables.Coordinators))
        {
            total += (await RowsAsync(table)).Count;
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}

/// <summary>GET /api/referrals/{id} as the tests read it.</summary>
public sealed record ReferralState(string Id, Stage Stage, string VenueId, string NextExpectedStep, string? ClosedReason, string? WorkflowStatus);
