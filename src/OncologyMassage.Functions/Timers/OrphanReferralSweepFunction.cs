using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Functions.Timers;

/// <summary>
/// Every minute, starts the orchestration of any referral whose submission stopped between writing its row and starting
/// its instance (a crash, a storage failure). The local host runs the same <see cref="OrphanReferralSweep"/> from a background loop.
/// </summary>
public sealed class OrphanReferralSweepFunction(OrphanReferralSweep sweep)
{
    [Function(nameof(SweepOrphanReferrals))]
    public Task SweepOrphanReferrals(
        [TimerTrigger(OrphanReferralSweep.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
