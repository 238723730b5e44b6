using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Infrastructure.Audit;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.Functions.Timers;

/// <summary>
/// The data lifecycle's daily jobs in Azure (docs/privacy.md): purge the orchestration history of referrals closed more
/// than Privacy__PurgeHistoryAfterDays ago, erase referrals past the retention period, and copy yesterday's audit entries
/// to the immutable archive container. The local host runs the same
/// classes on its own timer (PrivacyJobs). Both jobs are idempotent, so a missed or repeated run does no harm.
/// </summary>
public sealed class PrivacyTimers(FinishedInstancePurge purge, RetentionSweep retention, BlobAuditArchive archive)
{
    /// <summary>Every day at 02:10 UTC.</summary>
    public const string PurgeSchedule = "0 10 2 * * *";

    /// <summary>Every day at 02:40 UTC.</summary>
    public const string RetentionSchedule = "0 40 2 * * *";

    /// <summary>Every day at 00:20 UTC (yesterday's audit entries are all written by then).</summary>
    public const string AuditCopySchedule = "0 20 0 * * *";

    [Function(nameof(CopyAuditToArchive))]
    public Task CopyAuditToArchive([TimerTrigger(AuditCopySchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        archive.CopyYesterdayAsync(cancellationToken);

    [Function(nameof(PurgeFinishedInstances))]
    public Task PurgeFinishedInstances([TimerTrigger(PurgeSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        purge.RunAsync(cancellationToken);

    [Function(nameof(ApplyRetention))]
    public Task ApplyRetention([TimerTrigger(RetentionSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        retention.RunAsync(cancellationToken);
}
