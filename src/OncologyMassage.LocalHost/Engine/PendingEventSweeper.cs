using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Answers;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's timer: runs <see cref="PendingEventSweep"/> every
/// <see cref="PendingEventSweep.Interval"/> against the local engine, so answers whose raise failed are still delivered.
/// </summary>
internal sealed partial class PendingEventSweeper(PendingEventSweep sweep, ILogger<PendingEventSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PendingEventSweep.Interval);
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

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Pending-event sweep failed ({Error}); retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
