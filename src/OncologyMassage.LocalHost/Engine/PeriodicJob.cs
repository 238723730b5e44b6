using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// A job the Functions app runs from a timer trigger, run by the local host from a background loop instead: every
/// <see cref="Interval"/>, the first time one interval after start-up. A failed run is logged and the next tick tries
/// again (storage unavailable for a moment); it never stops the host.
/// </summary>
internal abstract partial class PeriodicJob(ILogger logger) : BackgroundService
{
    /// <summary>The job's name in the log.</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, Name, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "{Job} failed ({Error}); retrying at the next tick")]
    private static partial void LogRunFailed(ILogger logger, string job, string error);
}
