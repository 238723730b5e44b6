using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.Functions.Timers;

/// <summary>
/// Every two minutes, settles or resends the messages whose outbox row stayed Pending (a send that crashed after the
/// vendor call, or whose answer was lost). The local host runs the same <see cref="OutboxReconciliation"/> from a background loop.
/// </summary>
public sealed class OutboxReconciliationFunction(OutboxReconciliation reconciliation)
{
    [Function(nameof(ReconcileOutbox))]
    public Task ReconcileOutbox([TimerTrigger(OutboxReconciliation.Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciliation.RunAsync(cancellationToken);
}
