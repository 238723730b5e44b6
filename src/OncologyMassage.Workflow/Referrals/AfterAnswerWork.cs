using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Durable;

namespace OncologyMassage.Workflow.Referrals;

/// <summary>
/// Runs work after the answer, on the host (<see cref="IAfterAnswerWork"/>). The work does not run in the request's
/// flow (no request token, no request trace); it takes the Durable Task client the request had
/// (<see cref="IDurableClientSource.CarryForLater"/>: the Functions app's client exists per invocation). On a graceful
/// stop the host waits for the work in flight until its own shutdown timeout, then cancels what is left; what did not
/// finish is left to the durable backstop (the orphan sweep), and logged.
/// </summary>
public sealed partial class AfterAnswerWork(IDurableClientSource clients, ILogger<AfterAnswerWork> logger) : IAfterAnswerWork, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, string> running = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>How many pieces of work are running now.</summary>
    public int InFlight => running.Count;

    public void Run(string referralId, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(referralId);
        ArgumentNullException.ThrowIfNull(work);
        var carried = clients.CarryForLater();
        Task task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => RunOneAsync(referralId, work, carried));
        }

        running[task] = referralId;
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for the work in flight (all of it: it was started before the stop and runs to its end).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var tasks = running.Keys.ToArray();
        if (tasks.Length == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var left = running.Values.ToArray();
            await stopping.CancelAsync();
            foreach (var referralId in left)
            {
                LogLeftToTheSweep(logger, referralId);
            }
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public void Dispose() => stopping.Dispose();

    private async Task RunOneAsync(string referralId, Func<CancellationToken, Task> work, Func<IDisposable> carried)
    {
        try
        {
            using var client = carried();
            await work(stopping.Token);
        }
        catch (Exception ex)
        {
            // Nothing lost: the referral row is stored and the orphan sweep finishes what this did not.
            LogFailed(logger, referralId, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "Work after the answer for referral {ReferralId} failed ({Error}); the orphan sweep will finish it")]
    private static partial void LogFailed(ILogger logger, string referralId, string error);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "The host stopped before the work after the answer for referral {ReferralId} ended; the orphan sweep will finish it")]
    private static partial void LogLeftToTheSweep(ILogger logger, string referralId);
}
