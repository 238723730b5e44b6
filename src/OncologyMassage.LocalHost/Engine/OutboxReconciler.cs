using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's <c>ReconcileOutbox</c> timer: runs <see cref="OutboxReconciliation"/>
/// every <see cref="LocalHostOptions.OutboxReconcileInterval"/> (by default <see cref="OutboxReconciliation.Interval"/>).
/// </summary>
internal sealed class OutboxReconciler(OutboxReconciliation reconciliation, LocalHostOptions options, ILogger<OutboxReconciler> logger) : PeriodicJob(logger)
{
    protected override string Name => "Outbox reconciliation";

    protected override TimeSpan Interval => options.OutboxReconcileInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => reconciliation.RunAsync(cancellationToken);
}
