using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Answers;

namespace OncologyMassage.Functions.Timers;

/// <summary>
/// Every minute, raises the stored answers whose event did not reach their orchestration (a failed raise, a host that
/// died between storing and raising). The local host runs the same <see cref="PendingEventSweep"/> from a background loop.
/// </summary>
public sealed class PendingEventSweepFunction(PendingEventSweep sweep)
{
    [Function(nameof(SweepPendingEvents))]
    public Task SweepPendingEvents(
        [TimerTrigger(PendingEventSweep.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
