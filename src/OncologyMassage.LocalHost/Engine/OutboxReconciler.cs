using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// The local host's counterpart of the Functions app's <c>ReconcileOutbox</c> timer: runs <see cref="OutboxReconciliation"/>
/// every <see cref="OutboxReconciliation.Interval"/>. A failed run is logged and the next tick tries again; it never stops the host.
/// </summary>
internal sealed partial class OutboxReconciler(OutboxReconciliation reconciliation, ILogger<OutboxReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(OutboxReconciliation.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await reconciliation.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Outbox reconciliation failed ({Error}); retrying at the next tick")]
    private static partial void LogRunFailed(ILogger logger, string error);
}
