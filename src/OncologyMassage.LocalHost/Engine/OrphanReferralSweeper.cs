using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's <c>SweepOrphanReferrals</c> timer: runs
/// <see cref="OrphanReferralSweep"/> every <see cref="LocalHostOptions.OrphanSweepInterval"/>, the first time one interval
/// after start-up, so a referral whose submission was cut by a crash gets its orchestration after the restart.
/// </summary>
internal sealed partial class OrphanReferralSweeper(OrphanReferralSweep sweep, LocalHostOptions options, ILogger<OrphanReferralSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.OrphanSweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweep.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex.GetType().Name); // storage unavailable for a moment: the next tick tries again
            }
        }
    }

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "Orphan-referral sweep failed ({Error}); retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
