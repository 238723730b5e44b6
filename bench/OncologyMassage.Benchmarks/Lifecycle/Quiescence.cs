using System.Diagnostics;
using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// (d) counts only once the host is quiescent: every referral posted before it (the POSTs of (c)) has its instance running
/// and its first message (the release request to the oncologist) sent, so each waits on a person, and the app's storage
/// requests per window have stopped falling (the instances' last steps after that message, the stage moves, are done).
/// Without this wait the lead's "idle" minute counted 2,821 requests, most of them the 180 referrals of (c) still starting.
/// The checks are the benchmark's own reads (not counted); the wait is bounded, and the report says how long it took and
/// whether it got there.
/// </summary>
internal static class Quiescence
{
    /// <summary>The suffix of a referral's first message's idempotency key: the release request to the oncologist.</summary>
    internal const string FirstMessage = ":md-release:1";

    /// <summary>How the wait ended: how long it took, whether the host got quiescent, and the app's requests in the last two windows.</summary>
    internal sealed record Outcome(TimeSpan Waited, bool Reached, int Referrals, int StillStarting, long PreviousWindow, long LastWindow);

    public static async Task<Outcome> WaitAsync(
        IReadOnlyCollection<string> referralIds, DurableTaskClient engine, IMessageOutbox outbox, StorageRequestCounter counter,
        TimeSpan window, TimeSpan limit, CancellationToken cancellationToken)
    {
        StorageRequestCounter.MarkFlowUncounted(); // the status and outbox reads below are the benchmark's
        var watch = Stopwatch.StartNew();
        var starting = new HashSet<string>(referralIds, StringComparer.Ordinal);
        var mark = counter.Take();
        long? previous = null;
        long last = 0;
        while (true)
        {
            await Task.Delay(window, cancellationToken);
            var now = counter.Take();
            last = (now - mark).Of(StorageCaller.App);
            mark = now;
            foreach (var id in starting.ToArray())
            {
                if (await WaitsOnAPersonAsync(id, engine, outbox, cancellationToken))
                {
                    starting.Remove(id);
                }
            }

            if (starting.Count == 0 && previous is { } before && StoppedFalling(before, last))
            {
                return new Outcome(watch.Elapsed, true, referralIds.Count, 0, before, last);
            }

            if (watch.Elapsed >= limit)
            {
                return new Outcome(watch.Elapsed, false, referralIds.Count, starting.Count, previous ?? 0, last);
            }

            // The rate is compared only between windows in which every referral was already waiting.
            previous = starting.Count == 0 ? last : null;
        }
    }

    /// <summary>
    /// True when the app's requests in a window are no longer clearly below the window before: within a fifth of it, or a few
    /// requests (the periodic sweeps of an idle host make the count jitter by that much).
    /// </summary>
    internal static bool StoppedFalling(long previousWindow, long lastWindow) => lastWindow >= previousWindow - Math.Max(3, previousWindow / 5);

    private static async Task<bool> WaitsOnAPersonAsync(string id, DurableTaskClient engine, IMessageOutbox outbox, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (instance?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
        {
            return false;
        }

        return (await outbox.ListAsync(id, cancellationToken)).Any(m => m.IdempotencyKey.EndsWith(FirstMessage, StringComparison.Ordinal) && m.Status != OutboxStatus.Pending);
    }
}
