using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The modern <see cref="DurableTaskClient"/> (what [DurableClient] gives the HTTP functions in Azure) implemented over
/// DurableTask.Core's <see cref="TaskHubClient"/> and the Azure Storage backend, so the same HTTP functions run locally.
/// </summary>
public sealed class TaskHubDurableTaskClient(TaskHubClient client, IOrchestrationServiceClient service) : DurableTaskClient("local")
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly OrchestrationStatus[] RunningStates =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var tags = options?.Tags is { Count: > 0 } t ? t.ToDictionary(p => p.Key, p => p.Value) : null;
        var instance = options?.StartAt is { } startAt
            ? await client.CreateOrchestrationInstanceAsync(orchestratorName.Name, "", instanceId, input, tags, RunningStates, startAt.UtcDateTime)
            : await client.CreateOrchestrationInstanceAsync(orchestratorName.Name, "", instanceId, input, tags, RunningStates);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, s => s.OrchestrationStatus != OrchestrationStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, s => !RunningStates.Contains(s.OrchestrationStatus), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var reason = options?.Output is null ? "" : JsonDataConverter.Default.Serialize(options.Output) ?? "";
        return client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        client.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason ?? "");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        client.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason ?? "");

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var state = await client.GetOrchestrationStateAsync(instanceId);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(Microsoft.DurableTask.Client.OrchestrationQuery? filter = null)
    {
        if (service is not IOrchestrationServiceQueryClient query)
        {
            throw new NotSupportedException("This backend cannot list instances.");
        }

        return Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var result = await query.GetOrchestrationWithQueryAsync(new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (OrchestrationStatus)(int)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? 100,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            }, cancellation);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(s => ToMetadata(s, filter?.FetchInputsAndOutputs ?? false)).ToList(), result.ContinuationToken);
        });
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (service is not IOrchestrationServicePurgeClient purge)
        {
            throw new NotSupportedException("This backend cannot purge instances.");
        }

        var result = await purge.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>
    /// Purges every instance the filter names (created in its window, in one of its statuses; terminal ones only when it
    /// names none), through the backend's own purge: history rows, the instance row and the instance's blobs.
    /// </summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        if (service is not IOrchestrationServicePurgeClient purge)
        {
            throw new NotSupportedException("This backend cannot purge instances.");
        }

        var statuses = filter.Statuses?.Select(s => (OrchestrationStatus)(int)s).ToList()
            ?? [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];
        var result = await purge.PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses));
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationState, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            var state = await client.GetOrchestrationStateAsync(instanceId);
            if (state is not null && done(state))
            {
                return ToMetadata(state, getInputsAndOutputs);
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }

    internal static OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs)
    {
        var status = ToRuntimeStatus(state.OrchestrationStatus);
        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = JsonDataConverter.Default,
            RuntimeStatus = status,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs && status != OrchestrationRuntimeStatus.Failed ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            Tags = state.Tags is { } tags ? tags.AsReadOnly() : new Dictionary<string, string>().AsReadOnly(),
            // This backend leaves FailureDetails empty and puts the failure text in Output (ENGINE.md, gotcha 4).
            FailureDetails = status == OrchestrationRuntimeStatus.Failed
                ? state.FailureDetails is { } f
                    ? new TaskFailureDetails(f.ErrorType, f.ErrorMessage, f.StackTrace, null, null)
                    : new TaskFailureDetails("OrchestrationFailed", state.Output ?? "The orchestration failed.", null, null, null)
                : null,
        };
    }

    private static OrchestrationRuntimeStatus ToRuntimeStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };
}
