using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Referrals;

/// <summary>
/// Starts the orchestration of every referral left without one. A submission writes the referral row and answers; its
/// host then indexes the phone and schedules the instance (id = referral id, decisions 0005 and 0010). A host that dies,
/// stops or is frozen before that leaves a row in <c>Received</c> that nothing else would ever move: this sweep is the
/// durable half of the submission. The sweep lists the rows still in <c>Received</c> submitted between
/// <see cref="OrphanReferralOptions.LookBack"/> and <see cref="OrphanReferralOptions.SettleAfter"/> ago and starts each
/// one's instance through <see cref="ReferralSubmissions.EnsureStartedAsync"/>, which does nothing when the instance
/// exists: a second sweep, or a sweep racing a retried request, starts nothing twice. Host-neutral: the Functions app
/// runs it from a timer trigger, the local host from a background loop.
/// </summary>
public sealed partial class OrphanReferralSweep(
    IReferralStore referrals,
    ReferralSubmissions submissions,
    IOptions<OrphanReferralOptions> options,
    TimeProvider clock,
    ILogger<OrphanReferralSweep> logger)
{
    /// <summary>
    /// The timer's NCRONTAB schedule in Azure: every 15 s, clear of second 0 (when the pending-event sweep runs). Submissions
    /// answer before their instance starts (decision 0010), so this sweep is what bounds a lost start: at most
    /// <see cref="OrphanReferralOptions.SettleAfter"/> + 15 s.
    /// </summary>
    public const string Schedule = "10,25,40,55 * * * * *";

    /// <summary>How often the local host sweeps by default (as often as <see cref="Schedule"/>).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary>Sweeps once; returns how many instances it started.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var started = 0;
        foreach (var record in await referrals.ListReceivedAsync(now - settings.LookBack, now - settings.SettleAfter, cancellationToken))
        {
            if (await submissions.EnsureStartedAsync(record, cancellationToken))
            {
                started++;
                LogStarted(logger, record.Id);
            }
        }

        return started;
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Referral {ReferralId} had no orchestration (its submission stopped before starting one); started by the sweep")]
    private static partial void LogStarted(ILogger logger, string referralId);
}
