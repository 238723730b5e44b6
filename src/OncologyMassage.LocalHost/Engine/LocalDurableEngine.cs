using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using OncologyMassage.Workflow;
using CoreActivity = DurableTask.Core.TaskActivity;
using CoreOrchestration = DurableTask.Core.TaskOrchestration;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The Durable Task engine for the local host and the tests: the workflow's orchestrators and activities (from
/// <see cref="WorkflowRegistry"/>) on DurableTask.Core's TaskHubWorker with the Azure Storage backend — the backend
/// Durable Functions uses by default in Azure — against Azurite, so state survives a restart as it does in Azure.
/// </summary>
public sealed class LocalDurableEngine : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubWorker worker;

    public LocalDurableEngine(LocalEngineSettings settings, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        service = new AzureStorageOrchestrationService(ServiceSettings(settings, loggerFactory));

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        worker = Worker(service, loggerFactory);
        worker.AddTaskOrchestrations(WorkflowRegistry.Orchestrators
            .Select(o => new Creator<CoreOrchestration>(o.Name, () => shims.CreateOrchestration(new TaskName(o.Name), o.Create(), parent: null)))
            .ToArray());
        worker.AddTaskActivities(WorkflowRegistry.Activities
            .Select(a => new Creator<CoreActivity>(a.Name, () => shims.CreateActivity(new TaskName(a.Name), a.Create(services))))
            .ToArray());
        Client = new TaskHubDurableTaskClient(new TaskHubClient(service, CoreDataConverter.Instance, loggerFactory), service);
    }

    /// <summary>
    /// The engine's storage settings (partitions, concurrency, polling, visibility timeouts, the storage clients' retries):
    /// one place, so the lifecycle benchmark's baseline engine runs exactly as this one does. Its log goes through
    /// <see cref="FetchFailureLog"/>, which <see cref="Worker"/>'s <see cref="SessionReleasingService"/> reads.
    /// </summary>
    public static AzureStorageOrchestrationServiceSettings ServiceSettings(LocalEngineSettings settings, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AzureStorageOrchestrationServiceSettings
        {
            // The engine's own clients retry and time out as the app's do (StorageRetry options), so a hung request is abandoned in seconds.
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(settings.ConnectionString, ClientOptions(settings, new Azure.Storage.Blobs.BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(settings.ConnectionString, ClientOptions(settings, new Azure.Storage.Queues.QueueClientOptions())),
                StorageServiceClientProvider.ForTable(settings.ConnectionString, ClientOptions(settings, new Azure.Data.Tables.TableClientOptions()))),
            TaskHubName = settings.TaskHubName,
            PartitionCount = 4,
            WorkerId = settings.WorkerId,
            MaxConcurrentTaskOrchestrationWorkItems = 100,
            MaxConcurrentTaskActivityWorkItems = 100,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            LoggerFactory = new FetchFailureLog(loggerFactory),
        };
    }

    /// <summary>
    /// The worker over the service, with <see cref="SessionReleasingService"/> between them so an instance whose fetch
    /// failed half-way is not left stuck (the service must have been built with <see cref="ServiceSettings"/>).
    /// </summary>
    public static TaskHubWorker Worker(AzureStorageOrchestrationService service, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new TaskHubWorker(new SessionReleasingService(service, loggerFactory.CreateLogger<SessionReleasingService>()), loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
    }

    private static T ClientOptions<T>(LocalEngineSettings settings, T options)
        where T : Azure.Core.ClientOptions
    {
        settings.StorageRetry.ApplyTo(options);
        foreach (var policy in settings.StoragePolicies)
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    /// <summary>The client the HTTP functions receive in place of [DurableClient].</summary>
    public TaskHubDurableTaskClient Client { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => worker.StopAsync(isForced: false);

    public ValueTask DisposeAsync()
    {
        worker.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Durable Task asks for a new object per work item; a shim holds one episode's state.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            this.create = create;
        }

        public override T Create() => create();
    }
}

/// <summary>Where and how the local engine runs.</summary>
public sealed record LocalEngineSettings(string ConnectionString, string TaskHubName, string WorkerId)
{
    /// <summary>Longest wait between queue polls when idle; event pick-up latency is about this.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries and network timeout of the engine's storage clients (the app's <c>StorageRetry</c> section).</summary>
    public OncologyMassage.Infrastructure.Configuration.StorageRetryOptions StorageRetry { get; init; } = new();

    /// <summary>How long a dequeued work item stays invisible; a crashed host's work is re-delivered after it.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a fetched orchestration message stays invisible. A host that stops while it holds one (fetched, not yet
    /// processed) leaves it to the next host after this delay, as in Azure.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Extra HTTP pipeline policies on the engine's storage clients; every try of a request, retries included, passes
    /// through them. For diagnostics and for the tests, which inject storage faults with one (<see cref="EngineStoragePolicy"/>).
    /// </summary>
    public IReadOnlyList<Azure.Core.Pipeline.HttpPipelinePolicy> StoragePolicies { get; init; } = [];
}

/// <summary>A pipeline policy for the engine's storage clients, registered as a service (<see cref="LocalEngineSettings.StoragePolicies"/>).</summary>
public sealed record EngineStoragePolicy(Azure.Core.Pipeline.HttpPipelinePolicy Policy);
