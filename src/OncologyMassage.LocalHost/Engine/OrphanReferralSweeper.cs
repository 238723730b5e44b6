using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's <c>SweepOrphanReferrals</c> timer: runs
/// <see cref="OrphanReferralSweep"/> every <see cref="LocalHostOptions.OrphanSweepInterval"/>, so a referral whose
/// submission was cut by a crash gets its orchestration after the restart.
/// </summary>
internal sealed class OrphanReferralSweeper(OrphanReferralSweep sweep, LocalHostOptions options, ILogger<OrphanReferralSweeper> logger)
    : PeriodicJob(logger)
{
    protected override string Name => "Orphan-referral sweep";

    protected override TimeSpan Interval => options.OrphanSweepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
