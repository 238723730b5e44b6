using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Privacy;

/// <summary>Who asked for an erase or ran the job: an operator (admin command) or the retention job.</summary>
public sealed record PrivacyActor(string Kind, string Id);

/// <summary>What one erase did.</summary>
/// <param name="ReferralFound">False when no referral row was left (never existed, or erased before).</param>
/// <param name="StoppedInTime">False when a running orchestration had not stopped within the wait; it was purged anyway.</param>
public sealed record ErasureResult(string ReferralId, bool ReferralFound, int RowsDeleted, int InstancesPurged, bool StoppedInTime);

/// <summary>
/// Erases a referral (issue 14 item 4): its orchestration is terminated when it still runs and purged, then every row of
/// it in every table goes (<see cref="IReferralDataStore.EraseRowsAsync"/>), the referral row last, and an audit
/// tombstone says who erased which referral id and when, with no content. Each step finds what is left by the referral
/// id alone and tolerates what is already gone (its audit content key goes with the other rows, so the addresses its
/// page views recorded can no longer be read, see docs/privacy.md), so erasing twice, or again after a crash halfway, completes the job.
/// The retention job erases through the same code.
/// </summary>
public sealed partial class ReferralErasure(IReferralDataStore data, IReferralWorkflowClient workflow, IPhoneIndex phones, IInboxStore inbox, IAuditLog audit, TimeProvider clock, ILogger<ReferralErasure> logger)
{
    public const string AuditAction = "Erase";

    /// <summary>How long to wait for a terminated orchestration to stop before purging it regardless.</summary>
    public static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(30);

    /// <summary>How many times a purge is checked and repeated when the instance's record is still there (see PurgeOrchestrationAsync).</summary>
    private const int PurgeRechecks = 60;

    /// <summary>How many looks in a row must find the instance gone before the purge counts as done (half a second apart).</summary>
    private const int PurgeQuietChecks = 4;

    public async Task<ErasureResult> EraseAsync(string referralId, PrivacyActor by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentNullException.ThrowIfNull(by);

        // 1. The orchestrations first, so they write nothing more: terminated when they still run, then purged. The referral's
        // own, then its red flags' escalations (instance ids start with the referral's flag prefix, so they are found
        // even when their rows are already gone).
        var (purged, stopped) = await PurgeOrchestrationAsync(referralId, cancellationToken);
        var escalations = new List<string>();
        await foreach (var instance in workflow.ListInstancesAsync(Escalation.RedFlags.InstanceIdPrefixOf(referralId), cancellationToken))
        {
            escalations.Add(instance.InstanceId);
        }

        foreach (var instanceId in escalations)
        {
            var (flagPurged, flagStopped) = await PurgeOrchestrationAsync(instanceId, cancellationToken);
            purged += flagPurged;
            stopped &= flagStopped;
        }

        // 2. Every row but the referral row, then 3. the referral row (so a rerun after a crash still finds the referral).
        var rows = await data.EraseRowsAsync(referralId, cancellationToken);
        var found = await data.DeleteReferralAsync(referralId, cancellationToken);

        // 4. The tombstone: who, when, which referral id; nothing else. It closes the referral's (pseudonymous) chain, and
        //    the one in the erasures partition is the only audit row left that names the referral id in the clear.
        var at = clock.GetUtcNow();
        await audit.RecordAsync(new AuditEntry(referralId, by.Kind, by.Id, AuditAction, at), cancellationToken);
        await audit.RecordAsync(new AuditEntry(AuditPartitions.Erasures, by.Kind, by.Id, AuditAction, at) { Subject = referralId }, cancellationToken);
        LogErased(logger, referralId, by.Kind, rows + (found ? 1 : 0), purged);
        return new ErasureResult(referralId, found, rows + (found ? 1 : 0), purged, stopped);
    }

    /// <summary>Erases every referral of a number (the phone index lists them), and the number's texts in the inbox.</summary>
    public async Task<IReadOnlyList<ErasureResult>> EraseByPhoneAsync(string phoneE164, PrivacyActor by, CancellationToken cancellationToken)
    {
        var results = new List<ErasureResult>();
        foreach (var referralId in await phones.ReferralsOfAsync(phoneE164, cancellationToken))
        {
            results.Add(await EraseAsync(referralId, by, cancellationToken));
        }

        await EraseInboxAsync(phoneE164, by, cancellationToken);
        return results;
    }

    /// <summary>
    /// Erases the number's texts in the deployment's inbox (texts from a number with no open referral); the tombstone in
    /// the inbox's audit partition says who and when, and how many rows, never the number.
    /// </summary>
    public async Task<int> EraseInboxAsync(string phoneE164, PrivacyActor by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        ArgumentNullException.ThrowIfNull(by);
        var rows = await inbox.EraseFromAsync(phoneE164, cancellationToken);
        if (rows > 0)
        {
            await audit.RecordAsync(new AuditEntry(AuditPartitions.Inbox, by.Kind, by.Id, AuditAction, clock.GetUtcNow())
            {
                Subject = rows.ToString(System.Globalization.CultureInfo.InvariantCulture) + " row(s)",
            }, cancellationToken);
        }

        LogInboxErased(logger, by.Kind, rows);
        return rows;
    }

        private async Task<(int Purged, bool Stopped)> PurgeOrchestrationAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await workflow.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return (0, true);
        }

        var stopped = true;
        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await workflow.TerminateAsync(instanceId, "erased", cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TerminateWait);
            try
            {
                await workflow.WaitForCompletionAsync(instanceId, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                stopped = false; // no worker picked the termination up in time (e.g. the app is stopped): purge regardless
            }
        }

        var purged = await workflow.PurgeAsync(instanceId, cancellationToken);

        // A message already on its way (an activity's result, a timer, the engine's own checkpoint of the termination) can land
        // just after the purge and write the instance's record again: purge again until it has stayed gone for
        // PurgeQuietChecks looks in a row, for as long as the termination wait allows. One "gone" was not enough: under
        // load a checkpoint landed after the first empty look (RedFlagEscalationTests found a Terminated record left behind).
        for (int attempt = 0, quiet = 0; attempt < PurgeRechecks && quiet < PurgeQuietChecks; attempt++)
        {
            if (await workflow.GetInstanceAsync(instanceId, cancellationToken) is null)
            {
                quiet++;
            }
            else
            {
                quiet = 0;
                purged = Math.Max(purged, await workflow.PurgeAsync(instanceId, cancellationToken));
            }

            if (quiet < PurgeQuietChecks)
            {
                await Task.Delay(TerminateWait / PurgeRechecks, cancellationToken);
            }
        }

        return (purged, stopped);
    }

    [LoggerMessage(EventId = 9410, Level = LogLevel.Information, Message = "Erased {Rows} inbox row(s) of one number for a {ActorKind}")]
    private static partial void LogInboxErased(ILogger logger, string actorKind, int rows);

    [LoggerMessage(EventId = 9400, Level = LogLevel.Information, Message = "Erased referral {ReferralId} for a {ActorKind}: {Rows} row(s), {Instances} orchestration instance(s) purged")]
    private static partial void LogErased(ILogger logger, string referralId, string actorKind, int rows, int instances);
}
