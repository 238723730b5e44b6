using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Functions.Timers;

/// <summary>
/// Every 15 s, starts the orchestration of any referral whose start did not happen after its answer (decision 0010: the
/// worker may be frozen or stopped once the response is sent; a crash, a storage failure). The local host runs the same <see cref="OrphanReferralSweep"/> from a background loop.
/// </summary>
public sealed class OrphanReferralSweepFunction(OrphanReferralSweep sweep)
{
    [Function(nameof(SweepOrphanReferrals))]
    public Task SweepOrphanReferrals(
        [TimerTrigger(OrphanReferralSweep.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
