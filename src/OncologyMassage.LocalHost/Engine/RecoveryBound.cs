using OncologyMassage.Workflow.Options;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// After a crash, the work a dead host had taken waits out the queues' visibility timeouts before the restarted host picks
/// it up. A deadline shorter than that could close a referral as Expired only because the host was down, so the local host
/// refuses to start when a deadline that closes a referral is shorter than <see cref="LocalHostOptions.RecoveryBound"/>,
/// or when that bound is itself shorter than the visibility timeouts it stands for. Zero turns the check off (tests that
/// shrink deadlines to milliseconds and never restart).
/// </summary>
public static class RecoveryBound
{
    /// <summary>The deadlines that close a referral when they pass (reminders and follow-up windows close nothing).</summary>
    public static IReadOnlyList<(string Name, TimeSpan Value)> ClosingDeadlines(WorkflowOptions workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return
        [
            (nameof(WorkflowOptions.ReleaseExpiresAfter), workflow.ReleaseExpiresAfter),
            (nameof(WorkflowOptions.MdQuestionExpiresAfter), workflow.MdQuestionExpiresAfter),
            (nameof(WorkflowOptions.IntakeExpiresAfter), workflow.IntakeExpiresAfter),
            (nameof(WorkflowOptions.SchedulingExpiresAfter), workflow.SchedulingExpiresAfter),
        ];
    }

    /// <summary>Throws <see cref="LocalHostRefusedException"/> saying what to change when the settings break the bound.</summary>
    public static void Check(LocalHostOptions options, WorkflowOptions workflow)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bound = options.RecoveryBound;
        if (bound <= TimeSpan.Zero)
        {
            return;
        }

        var redelivery = Max(options.WorkItemQueueVisibilityTimeout, options.ControlQueueVisibilityTimeout) + options.MaxQueuePollingInterval;
        if (bound < redelivery)
        {
            throw new LocalHostRefusedException(
                $"LocalHost:RecoveryBound ({bound}) is shorter than the time a crashed host's work waits before it is taken again ({redelivery}: the longer "
                + "queue visibility timeout plus one polling interval). Raise the bound or shorten LocalHost:WorkItemQueueVisibilityTimeout / ControlQueueVisibilityTimeout.");
        }

        var tooShort = ClosingDeadlines(workflow).Where(d => d.Value < bound).Select(d => $"Workflow:{d.Name} ({d.Value})").ToArray();
        if (tooShort.Length > 0)
        {
            throw new LocalHostRefusedException(
                $"{string.Join(", ", tooShort)} is shorter than LocalHost:RecoveryBound ({bound}): a referral could expire only because the host was "
                + "down and restarting. Lengthen the deadline, or set LocalHost:RecoveryBound=00:00:00 to turn the check off (tests only).");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
