using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Engine;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// The stall the crash suite's long mode found (docs/reliability.md "A stuck instance"), reproduced on the real engine:
/// a task result arrives before the history that explains it, the engine abandons it, and the answer to that storage
/// update is lost, so the client's retry is refused with <c>PopReceiptMismatch</c>. DurableTask.AzureStorage then keeps
/// the instance's session without processing it; <see cref="SessionReleasingService"/> releases it. Without it, the
/// referral never takes its next event (remove the service from <see cref="LocalDurableEngine.Worker"/> and this fails).
/// </summary>
public sealed class HeldSessionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FetchWorkItem_AbandonOfAnEarlyTaskResultRefused_ReferralStillTakesItsNextEvent()
    {
        var fault = new LoseOneUpdateAnswer();
        var engineLog = new EngineFailureLines();
        await using var host = await TestHost.StartWithServicesAsync(azurite, s => s.AddSingleton(new EngineStoragePolicy(fault)).AddSingleton<ILoggerProvider>(engineLog));
        using var submitted = await host.PostReferralAsync(Samples.Referral());
        submitted.EnsureSuccessStatusCode();
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        await host.SettledAsync(id);

        // A result for a task the history does not show as scheduled, as after an episode whose checkpoint failed.
        using var sender = new AzureStorageOrchestrationService(LocalDurableEngine.ServiceSettings(
            new LocalEngineSettings(azurite.ConnectionString, host.TaskHub, "test-sender"), NullLoggerFactory.Instance));
        var current = Assert.Single(await sender.GetOrchestrationStateAsync(id, allExecutions: false));
        fault.Arm();
        await sender.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            Event = new TaskCompletedEvent(-1, taskScheduledId: 9999, result: null),
            OrchestrationInstance = current.OrchestrationInstance,
        });
        var retried = await fault.Retried.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal("400 PopReceiptMismatch", retried); // the engine's abandon of that result failed for real, as in the crash suite

        await host.Durable.RaiseEventAsync(id, WorkflowEvents.ReleaseDecided, new ReleaseAnswered(ReleaseOutcome.Approved, DateTimeOffset.UtcNow), Ct);

        // Held, the session would swallow this event for good; released, the next fetch takes it at once.
        await host.WaitForStageAsync(id, Stage.IntakePending, TimeSpan.FromSeconds(30));

        // In Azure the repair cannot reach the engine; an alert watches for this line instead (infra/core/monitor/monitoring.bicep
        // queries these three terms, and Infra.Tests checks that it does).
        Assert.Contains(engineLog.Lines, line => line.Contains(id, StringComparison.Ordinal)
            && HeldSessionSignature.All(term => line.Contains(term, StringComparison.Ordinal)));
    }

    /// <summary>What the engine's failure line says when it leaves a session held: the terms the Azure alert looks for.</summary>
    private static readonly string[] HeldSessionSignature =
        ["An unexpected failure occurred while processing instance", "LockNextTaskOrchestrationWorkItemAsync", "AbandonMessagesAsync"];

    /// <summary>The engine's error lines (DurableTask.AzureStorage), formatted as the Functions host writes them to Application Insights.</summary>
    private sealed class EngineFailureLines : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public IReadOnlyCollection<string> Lines => lines;

        public ILogger CreateLogger(string categoryName) => categoryName == FetchFailureLog.EngineCategory ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Once armed, lets the next update of a control-queue message (an abandon or a renewal) reach Azurite, then loses its
    /// answer as a dropped connection would; the client retries with the pop receipt the first try already spent, and
    /// <see cref="Retried"/> reports how Azurite answered that retry.
    /// </summary>
    private sealed class LoseOneUpdateAnswer : HttpPipelinePolicy
    {
        private int state; // 0 idle, 1 armed, 2 answer lost (waiting for the retry), 3 done

        public TaskCompletionSource<string> Retried { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm() => Interlocked.CompareExchange(ref state, 1, 0);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            After(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            After(message);
        }

        private void After(HttpMessage message)
        {
            var request = message.Request;
            if (request.Method != RequestMethod.Put || !request.Uri.Path.Contains("-control-", StringComparison.Ordinal)
                || !request.Uri.Query.Contains("popreceipt=", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref state, 2, 1) == 1)
            {
                throw new IOException("Test fault: the connection closed before the answer to a message update arrived.");
            }

            if (Interlocked.CompareExchange(ref state, 3, 2) == 2)
            {
                message.Response.Headers.TryGetValue("x-ms-error-code", out var code);
                Retried.TrySetResult($"{message.Response.Status} {code}");
            }
        }
    }
}
