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
/// nothing, so a rerun (or a run after a crash halfway) is safe; an instance still running is left alone.
/// </summary>
public sealed partial class FinishedInstancePurge(IReferralDataStore data, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<FinishedInstancePurge> logger)
{
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.PurgeHistoryAfterDays);
        var purged = 0;
        await foreach (var closed in data.ListClosedAsync(cutoff, cancellationToken))
        {
            var instance = await durable.GetInstancesAsync(closed.ReferralId, getInputsAndOutputs: false, cancellationToken);
            if (instance is null || instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                continue; // purged before, or (rarely) still finishing: the next run looks again
            }

            purged += (await durable.PurgeInstanceAsync(closed.ReferralId, options: null, cancellationToken)).PurgedInstanceCount;
        }

        LogPurged(logger, purged, options.Value.PurgeHistoryAfterDays);
        return purged;
    }

    [LoggerMessage(EventId = 9401, Level = LogLevel.Information, Message = "Purged {Count} finished orchestration instance(s) of referrals closed more than {Days} days ago")]
    private static partial void LogPurged(ILogger logger, int count, int days);
}
