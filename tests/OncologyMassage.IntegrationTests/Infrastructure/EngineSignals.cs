using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// The engine's own signals that it has finished with an instance, for tests that prove something did NOT happen
/// (no second event, no stage change) without sleeping: they wait for one of these, then look.
/// </summary>
public static class EngineSignals
{
    /// <summary>An event name the workflow never waits for; the engine still records it in the instance's history.</summary>
    public const string BarrierEvent = "test-barrier";

    /// <summary>
    /// Raises a barrier event to a running instance and waits until the engine has recorded it in the history: every
    /// event raised to the instance before it (a duplicate a refused request might have raised) has been delivered by
    /// then, since one instance's messages are processed in order.
    /// </summary>
    public static async Task BarrierAsync(this TestHost host, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(host);
        var marker = Guid.NewGuid().ToString("N");
        await host.Durable.RaiseEventAsync(instanceId, BarrierEvent, marker, TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(async () => (await host.RaisedEventsAsync(instanceId, BarrierEvent)).Any(r => r.GetString("Input")?.Contains(marker, StringComparison.Ordinal) == true),
            $"the barrier in the history of {instanceId}");
    }

    /// <summary>
    /// Waits until the instance is settled in a wait: every episode the engine started has been checkpointed and every
    /// activity it scheduled has finished (the history table's own account).
    /// </summary>
    public static Task SettledAsync(this TestHost host, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Eventually.UntilAsync(async () =>
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            try
            {
                await foreach (var row in host.Tables.GetTableClient(host.TaskHub + "History")
                    .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["EventType"], cancellationToken: TestContext.Current.CancellationToken))
                {
                    var type = row.GetString("EventType") ?? "";
                    counts[type] = counts.GetValueOrDefault(type) + 1;
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                return false;
            }

            return counts.GetValueOrDefault("OrchestratorStarted") > 0
                && counts.GetValueOrDefault("OrchestratorStarted") == counts.GetValueOrDefault("OrchestratorCompleted")
                && counts.GetValueOrDefault("TaskScheduled") == counts.GetValueOrDefault("TaskCompleted") + counts.GetValueOrDefault("TaskFailed");
        }, $"{instanceId} settled in its wait");
    }

    /// <summary>
    /// Waits until every control queue of the host's task hub is empty: each message the engine was sent (an event, a
    /// timer, an activity's result) has been taken and deleted, which the Azure Storage backend does only once it has
    /// applied the message or, for an instance that has already completed, discarded it. The queue's message count
    /// includes messages being processed (invisible) and timers not yet due, so zero means nothing is left to do.
    /// Meaningful only on a host that runs nothing else at the same time.
    /// </summary>
    public static Task ControlQueuesDrainedAsync(this TestHost host, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var queues = new QueueServiceClient(host.App.Configuration["LocalHost:StorageConnectionString"]);
        return Eventually.UntilAsync(async () =>
        {
            for (var partition = 0; partition < 4; partition++) // LocalDurableEngine's PartitionCount
            {
                var queue = queues.GetQueueClient($"{host.TaskHub.ToLowerInvariant()}-control-{partition:00}");
                if ((await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount > 0)
                {
                    return false;
                }
            }

            return true;
        }, $"the control queues of {host.TaskHub} drained", timeout);
    }
}
