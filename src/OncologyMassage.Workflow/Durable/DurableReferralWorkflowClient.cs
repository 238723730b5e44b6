using System.Runtime.CompilerServices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Durable;

/// <summary>
/// <see cref="IReferralWorkflowClient"/> over the host's <see cref="DurableTaskClient"/>, taken from
/// <see cref="IDurableClientSource"/> at each call. The calls are the ones the services made on the client themselves
/// before this port existed (same orchestrator names, inputs, instance ids and options).
/// </summary>
public sealed class DurableReferralWorkflowClient(IDurableClientSource source) : IReferralWorkflowClient
{
    public Task StartReferralAsync(string referralId, ReferralWorkflowInput input, CancellationToken cancellationToken) =>
        source.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReferralOrchestration), input, new StartOrchestrationOptions(referralId), cancellationToken);

    public Task StartFlagEscalationAsync(string instanceId, FlagEscalationInput input, CancellationToken cancellationToken) =>
        source.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FlagEscalationOrchestration), input, new StartOrchestrationOptions(instanceId), cancellationToken);

    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken) =>
        source.Client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        source.Client.GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellationToken);

    public async IAsyncEnumerable<OrchestrationMetadata> ListInstancesAsync(string instanceIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var instance in source.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = instanceIdPrefix }).WithCancellation(cancellationToken))
        {
            yield return instance;
        }
    }

    public Task TerminateAsync(string instanceId, string output, CancellationToken cancellationToken) =>
        source.Client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = output }, cancellationToken);

    public Task WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken) =>
        source.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellationToken);

    public async Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
        (await source.Client.PurgeInstanceAsync(instanceId, options: null, cancellationToken)).PurgedInstanceCount;
}
