using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Privacy;

/// <summary>
/// The retention policy (issue 14 item 3): a closed referral whose last activity is more than
/// <see cref="PrivacyOptions.RetentionYears"/> years old is erased by <see cref="ReferralErasure"/>, the same code as an
/// erase on request, with the job as the actor in the tombstone. Texts in the deployment's inbox (numbers with no open
/// referral) follow the same period, counted from their arrival. Run daily beside <see cref="FinishedInstancePurge"/>.
/// </summary>
public sealed partial class RetentionSweep(IReferralDataStore data, ReferralErasure erasure, IInboxStore inbox, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<RetentionSweep> logger)
{
    public static readonly PrivacyActor Actor = new(Access.AuditCallers.System, "retention");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddYears(-options.Value.RetentionYears);
        var due = new List<string>();
        await foreach (var closed in data.ListClosedAsync(cutoff, cancellationToken))
        {
            due.Add(closed.ReferralId);
        }

        foreach (var referralId in due)
        {
            await erasure.EraseAsync(referralId, Actor, cancellationToken);
        }

        var inboxRows = await inbox.EraseReceivedBeforeAsync(cutoff, cancellationToken);
        LogSwept(logger, due.Count, options.Value.RetentionYears);
        LogInboxSwept(logger, inboxRows, options.Value.RetentionYears);
        return due.Count;
    }

    [LoggerMessage(EventId = 9411, Level = LogLevel.Information, Message = "Retention erased {Rows} inbox row(s) received more than {Years} years ago")]
    private static partial void LogInboxSwept(ILogger logger, int rows, int years);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Information, Message = "Retention erased {Count} referral(s) closed more than {Years} years ago")]
    private static partial void LogSwept(ILogger logger, int count, int years);
}
