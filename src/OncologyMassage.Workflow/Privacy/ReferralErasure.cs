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
/// id alone and tolerates what is already gone, so erasing twice, or again after a crash halfway, completes the job.
/// The retention job erases through the same code.
/// </summary>
public sealed partial class ReferralErasure(IReferralDataStore data, IPhoneIndex phones, IInboxStore inbox, IAuditLog audit, TimeProvider clock, ILogger<ReferralErasure> logger)
{
    public const string AuditAction = "Erase";

    /// <summary>How long to wait for a terminated orchestration to stop before purging it regardless.</summary>
    public static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(30);

    public async Task<ErasureResult> EraseAsync(string referralId, PrivacyActor by, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(durable);

        // 1. The orchestration first, so it writes nothing more: terminated when it still runs, then purged.
        var (purged, stopped) = await PurgeOrchestrationAsync(referralId, durable, cancellationToken);

        // 2. Every row but the referral row, then 3. the referral row (so a rerun after a crash still finds the referral).
        var rows = await data.EraseRowsAsync(referralId, cancellationToken);
        var found = await data.DeleteReferralAsync(referralId, cancellationToken);

        // 4. The tombstone: who, when, which referral id; nothing else.
        await audit.RecordAsync(new AuditEntry(referralId, by.Kind, by.Id, AuditAction, clock.GetUtcNow()), cancellationToken);
        LogErased(logger, referralId, by.Kind, rows + (found ? 1 : 0), purged);
        return new ErasureResult(referralId, found, rows + (found ? 1 : 0), purged, stopped);
    }

    /// <summary>Erases every referral of a number (the phone index lists them), and the number's texts in the inbox.</summary>
    public async Task<IReadOnlyList<ErasureResult>> EraseByPhoneAsync(string phoneE164, PrivacyActor by, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var results = new List<ErasureResult>();
        foreach (var referralId in await phones.ReferralsOfAsync(phoneE164, cancellationToken))
        {
            results.Add(await EraseAsync(referralId, by, durable, cancellationToken));
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

    private static async Task<(int Purged, bool Stopped)> PurgeOrchestrationAsync(string referralId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstancesAsync(referralId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return (0, true);
        }

        var stopped = true;
        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await durable.TerminateInstanceAsync(referralId, new TerminateInstanceOptions { Output = "erased" }, cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TerminateWait);
            try
            {
                await durable.WaitForInstanceCompletionAsync(referralId, getInputsAndOutputs: false, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                stopped = false; // no worker picked the termination up in time (e.g. the app is stopped): purge regardless
            }
        }

        var result = await durable.PurgeInstanceAsync(referralId, options: null, cancellationToken);
        return (result.PurgedInstanceCount, stopped);
    }

    [LoggerMessage(EventId = 9410, Level = LogLevel.Information, Message = "Erased {Rows} inbox row(s) of one number for a {ActorKind}")]
    private static partial void LogInboxErased(ILogger logger, string actorKind, int rows);

    [LoggerMessage(EventId = 9400, Level = LogLevel.Information, Message = "Erased referral {ReferralId} for a {ActorKind}: {Rows} row(s), {Instances} orchestration instance(s) purged")]
    private static partial void LogErased(ILogger logger, string referralId, string actorKind, int rows, int instances);
}
