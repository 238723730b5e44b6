using OncologyMassage.Infrastructure.Audit;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.LocalHost;

/// <summary>
/// The local host's timer for the data lifecycle: the same <see cref="FinishedInstancePurge"/> and
/// <see cref="RetentionSweep"/> the Functions app runs daily (PrivacyTimers), shortly after start-up and then every
/// <see cref="LocalHostOptions.PrivacyJobsInterval"/>.
/// </summary>
internal sealed partial class PrivacyJobs(
    FinishedInstancePurge purge, RetentionSweep retention, BlobAuditArchive archive, LocalHostOptions options, ILogger<PrivacyJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.PrivacyJobsDelay, stoppingToken);
            using var timer = new PeriodicTimer(options.PrivacyJobsInterval);
            do
            {
                try
                {
                    await purge.RunAsync(stoppingToken);
                    await retention.RunAsync(stoppingToken);
                    await archive.CopyYesterdayAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex); // the next tick tries again: both jobs are idempotent
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(EventId = 9403, Level = LogLevel.Warning, Message = "The data lifecycle jobs failed; they run again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
