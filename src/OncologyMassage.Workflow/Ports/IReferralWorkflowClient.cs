using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// What Workflow asks of the Durable Task engine from outside an orchestration: start an instance, raise an event, read
/// an instance's status, and stop and purge instances for privacy. Services take it in their constructor; the adapter
/// (<see cref="Durable.DurableReferralWorkflowClient"/>) reaches the host's client through <see cref="Durable.IDurableClientSource"/>
/// (docs/decisions/0008-durable-client-port.md). Starts are typed: the orchestrator name and its input type go together.
/// </summary>
public interface IReferralWorkflowClient
{
    /// <summary>Starts a referral's orchestration; the instance id is the referral id.</summary>
    Task StartReferralAsync(string referralId, ReferralWorkflowInput input, CancellationToken cancellationToken);

    /// <summary>Starts one red flag's escalation under <paramref name="instanceId"/>.</summary>
    Task StartFlagEscalationAsync(string instanceId, FlagEscalationInput input, CancellationToken cancellationToken);

    /// <summary>Raises an event on an instance (ids and enums only in <paramref name="payload"/>: it goes into the history).</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken);

    /// <summary>The instance's status, without its inputs and outputs; null when there is no such instance.</summary>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Every instance whose id starts with <paramref name="instanceIdPrefix"/>, without inputs and outputs.</summary>
    IAsyncEnumerable<OrchestrationMetadata> ListInstancesAsync(string instanceIdPrefix, CancellationToken cancellationToken);

    /// <summary>Asks a running instance to stop, with <paramref name="output"/> as its output.</summary>
    Task TerminateAsync(string instanceId, string output, CancellationToken cancellationToken);

    /// <summary>Waits until the instance has stopped (cancel <paramref name="cancellationToken"/> to stop waiting).</summary>
    Task WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes the instance's history and state; how many instances were purged (0 when it was gone).</summary>
    Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken);
}
