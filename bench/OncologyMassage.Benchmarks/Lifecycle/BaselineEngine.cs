using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using OncologyMassage.LocalHost.Engine;
using CoreActivity = DurableTask.Core.TaskActivity;
using CoreOrchestration = DurableTask.Core.TaskOrchestration;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// The same engine as the local host's (<see cref="LocalDurableEngine"/>: DurableTask.Core's worker on the Azure Storage
/// backend, the same partitions, concurrency and polling, the Microsoft.DurableTask shims) on the same Azurite, in its own
/// task hub, running only <see cref="NoOpJourney"/>.
/// </summary>
public sealed class BaselineEngine : IAsyncDisposable
{
    private readonly TaskHubWorker worker;
    private readonly AzureStorageOrchestrationService service;

    private readonly ILoggerFactory logs = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("DurableTask.AzureStorage", LogLevel.Error));

    public BaselineEngine(LocalEngineSettings settings, Action<string, int> aboutToWait)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The same settings as the app's engine, so the baseline differs from the journeys only in what it runs.
        service = new AzureStorageOrchestrationService(LocalDurableEngine.ServiceSettings(settings, logs));
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), logs);
        worker = LocalDurableEngine.Worker(service, logs);
        worker.AddTaskOrchestrations(new Creator<CoreOrchestration>(nameof(NoOpJourney), () => shims.CreateOrchestration(new TaskName(nameof(NoOpJourney)), new NoOpJourney(aboutToWait), parent: null)));
        worker.AddTaskActivities(new Creator<CoreActivity>(nameof(NoOpStep), () => shims.CreateActivity(new TaskName(nameof(NoOpStep)), new NoOpStep())));
        Client = new TaskHubDurableTaskClient(new TaskHubClient(service, new SystemTextJsonConverter(), logs), service);
    }

    public TaskHubDurableTaskClient Client { get; }

    public async Task StartAsync()
    {
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync(isForced: false);
        worker.Dispose();
        logs.Dispose();
    }

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

    /// <summary>What the local host's client writes: System.Text.Json, as the worker shims read.</summary>
    private sealed class SystemTextJsonConverter : DurableTask.Core.Serializing.DataConverter
    {
        public override string Serialize(object value) => JsonDataConverter.Default.Serialize(value)!;

        public override string Serialize(object value, bool formatted) => Serialize(value);

        public override object Deserialize(string data, Type objectType) => JsonDataConverter.Default.Deserialize(data, objectType)!;
    }
}
