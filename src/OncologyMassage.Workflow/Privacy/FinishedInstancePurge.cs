using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Privacy;

/// <summary>
/// Purges the orchestration history and instance rows of referrals closed more than
/// <see cref="PrivacyOptions.PurgeHistoryAfterDays"/> days ago, through the Durable client's purge API (issue 14 item 2).
/// Run daily: by a timer function in Azure and by a timer in the local host. Purging an instance that is gone purges
/// nothing, so a rerun (or a run after a crash halfway) is safe. An instance still running that long after its referral
/// closed is terminated first.
/// </summary>
public sealed partial class FinishedInstancePurge(IReferralDataStore data, IReferralWorkflowClient workflow, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<FinishedInstancePurge> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.PurgeHistoryAfterDays);
        var purged = 0;
        await foreach (var closed in data.ListClosedAsync(cutoff, cancellationToken))
        {
            var instance = await workflow.GetInstanceAsync(closed.ReferralId, cancellationToken);
            if (instance is null)
            {
                continue; // purged before
            }

            if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended
                && !await TerminateAsync(closed.ReferralId, cancellationToken))
            {
                continue; // not stopped yet: the next run purges it
            }

            purged += await workflow.PurgeAsync(closed.ReferralId, cancellationToken);
            purged += await PurgeFinishedEscalationsAsync(closed.ReferralId, cancellationToken);
        }

        LogPurged(logger, purged, options.Value.PurgeHistoryAfterDays);
        return purged;
    }

    /// <summary>The referral's red-flag escalations that have finished (a running one still has a flag to escalate: the next run purges it).</summary>
    private async Task<int> PurgeFinishedEscalationsAsync(string referralId, CancellationToken cancellationToken)
    {
        var finished = new List<string>();
        await foreach (var escalation in workflow.ListInstancesAsync(Escalation.RedFlags.InstanceIdPrefixOf(referralId), cancellationToken))
        {
            if (escalation.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
            {
                finished.Add(escalation.InstanceId);
            }
        }

        var purged = 0;
        foreach (var instanceId in finished)
        {
            purged += await workflow.PurgeAsync(instanceId, cancellationToken);
        }

        return purged;
    }

    /// <summary>
    /// The referral closed long ago but its orchestration still waits (on a timer or an event that no longer matters):
    /// it has nothing left to do, so it is terminated before the purge. True once it has stopped.
    /// </summary>
    private async Task<bool> TerminateAsync(string instanceId, CancellationToken cancellationToken)
    {
        await workflow.TerminateAsync(instanceId, "closed", cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(ReferralErasure.TerminateWait);
        try
        {
            await workflow.WaitForCompletionAsync(instanceId, wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 9401, Level = LogLevel.Information, Message = "Purged {Count} finished orchestration instance(s) of referrals closed more than {Days} days ago")]
    private static partial void LogPurged(ILogger logger, int count, int days);
}
