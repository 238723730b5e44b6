using DurableTask.Core;
using DurableTask.Core.Entities;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The engine's orchestration service with one repair, for a fault in DurableTask.AzureStorage (seen in 2.11.2 and
/// 2.11.3; docs/reliability.md "A stuck instance"). When fetching an orchestration work item fails after the service
/// has taken the instance's in-memory session but before it has built the work item, the service logs the failure
/// and rethrows without releasing the session. In practice: a message arrives before the history that explains it
/// (out of order, e.g. after a checkpoint that timed out), the service abandons it, and that storage update fails (a
/// retried update answered <c>PopReceiptMismatch</c>, or the retries ran out). From then on every message for the
/// instance is added to the held session, which nobody processes: the instance is stuck until the host restarts.
/// <para>
/// This decorator notes, through <see cref="FetchFailureLog"/>, which instance the failed fetch was about, and releases
/// that instance's session with the service's own public release call before passing the failure on: the same call the
/// service makes itself when the failure comes after the work item was built. The messages of the failed fetch were
/// neither deleted nor abandoned, so they come back when their visibility timeout ends. Everything else is passed
/// through unchanged.
/// </para>
/// </summary>
public sealed partial class SessionReleasingService : IEntityOrchestrationService
{
    private readonly IOrchestrationService inner;
    private readonly ILogger<SessionReleasingService> logger;

    public SessionReleasingService(IOrchestrationService inner, ILogger<SessionReleasingService> logger)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    private IEntityOrchestrationService? Entities => inner as IEntityOrchestrationService;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public EntityBackendProperties? EntityBackendProperties => Entities?.EntityBackendProperties;

    public EntityBackendQueries? EntityBackendQueries => Entities?.EntityBackendQueries;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        FetchAsync(() => inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken));

    public Task<TaskOrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        FetchAsync(() => RequireEntities().LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken));

    public Task<TaskOrchestrationWorkItem> LockNextEntityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        FetchAsync(() => RequireEntities().LockNextEntityWorkItemAsync(receiveTimeout, cancellationToken));

    private async Task<TaskOrchestrationWorkItem> FetchAsync(Func<Task<TaskOrchestrationWorkItem>> fetch)
    {
        using var failures = FetchFailureLog.BeginFetch();
        try
        {
            return await fetch();
        }
        catch (Exception ex) when (failures.InstanceFor(ex) is { } instanceId)
        {
            // If the service got as far as the work item it has released the session already; releasing again finds none
            // (the service logs that as an assert) and does nothing else. Fetches are made one at a time (one dispatcher),
            // so no newer session of the instance can exist yet.
            LogReleasingHeldSession(logger, instanceId, ex.GetType().Name);
            await inner.ReleaseTaskOrchestrationWorkItemAsync(new TaskOrchestrationWorkItem { InstanceId = instanceId });
            throw;
        }
    }

    private IEntityOrchestrationService RequireEntities() =>
        Entities ?? throw new NotSupportedException($"{inner.GetType().Name} does not dispatch entities");

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning,
        Message = "Fetching a work item of instance {InstanceId} failed ({Error}) after the engine had taken its session; releasing the session so the instance's messages are processed again")]
    private static partial void LogReleasingHeldSession(ILogger logger, string instanceId, string error);
}
