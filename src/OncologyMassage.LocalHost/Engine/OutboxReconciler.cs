using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's <c>ReconcileOutbox</c> timer: runs <see cref="OutboxReconciliation"/>
/// every <see cref="OutboxReconciliation.Interval"/>.
/// </summary>
internal sealed class OutboxReconciler(OutboxReconciliation reconciliation, ILogger<OutboxReconciler> logger) : PeriodicJob(logger)
{
    protected override string Name => "Outbox reconciliation";

    protected override TimeSpan Interval => OutboxReconciliation.Interval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => reconciliation.RunAsync(cancellationToken);
}
