using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Answers;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's timer: runs <see cref="PendingEventSweep"/> every
/// <see cref="PendingEventSweep.Interval"/> against the local engine, so answers whose raise failed are still delivered.
/// </summary>
internal sealed class PendingEventSweeper(PendingEventSweep sweep, ILogger<PendingEventSweeper> logger) : PeriodicJob(logger)
{
    protected override string Name => "Pending-event sweep";

    protected override TimeSpan Interval => PendingEventSweep.Interval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
