using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Answers;

/// <summary>
/// Raises every stored answer whose event is still pending (<see cref="IPendingEventStore"/>): after a failed raise or a
/// host that died between storing and raising. Host-neutral: the Functions app runs it from a timer trigger, the local
/// host from a background loop, both every <see cref="Interval"/>. A row whose answer was never stored is dropped after
/// <see cref="PendingEventOptions.AbandonAfter"/>; one that cannot be raised after
/// <see cref="PendingEventOptions.MaxAttempts"/> sweeps goes on the referral's timeline for a coordinator.
/// </summary>
public sealed partial class PendingEventSweep(
    IPendingEventStore pending,
    StoredAnswers answers,
    AnswerRelay relay,
    IReferralStore referrals,
    IOptions<PendingEventOptions> options,
    TimeProvider clock,
    ILogger<PendingEventSweep> logger)
{
    /// <summary>The timer's NCRONTAB schedule in Azure: every minute.</summary>
    public const string Schedule = "0 */1 * * * *";

    /// <summary>How often the local host sweeps (the same minute as <see cref="Schedule"/>).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Sweeps once; returns how many events it raised.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var raised = 0;
        foreach (var row in await pending.ListAsync(cancellationToken))
        {
            var age = clock.GetUtcNow() - row.CreatedAt;
            if (age < settings.SettleAfter)
            {
                continue;
            }

            if (await answers.EventForAsync(row.Answer, cancellationToken) is null)
            {
                if (age >= settings.AbandonAfter)
                {
                    await pending.DeleteAsync(row.Answer, cancellationToken); // the submit failed before storing; the person was told to try again
                    LogAbandoned(logger, row.Answer.ReferralId, row.Answer.Kind);
                }

                continue;
            }

            if (await relay.TryDeliverAsync(row.Answer, cancellationToken))
            {
                raised++;
                LogRaised(logger, row.Answer.ReferralId, row.Answer.Kind);
            }
            else if (row.Attempts + 1 >= settings.MaxAttempts)
            {
                await referrals.AppendExternalTimelineAsync(row.Answer.ReferralId, $"pending:{row.Answer.Kind}:{row.Answer.Key}", clock.GetUtcNow(), TimelineKind.Note,
                    $"A stored {row.Answer.Kind} answer could not be handed to the workflow after {row.Attempts + 1} attempts: read it and act on it by hand.", cancellationToken);
                await pending.DeleteAsync(row.Answer, cancellationToken);
                LogGaveUp(logger, row.Answer.ReferralId, row.Answer.Kind, row.Attempts + 1);
            }
            else
            {
                await pending.SaveAsync(row with { Attempts = row.Attempts + 1 }, cancellationToken);
            }
        }

        return raised;
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Pending {Kind} answer of referral {ReferralId} raised by the sweep")]
    private static partial void LogRaised(ILogger logger, string referralId, AnswerKind kind);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Pending {Kind} answer of referral {ReferralId} was never stored; row dropped")]
    private static partial void LogAbandoned(ILogger logger, string referralId, AnswerKind kind);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Error, Message = "Pending {Kind} answer of referral {ReferralId} not raised after {Attempts} attempts; left on the timeline for a coordinator")]
    private static partial void LogGaveUp(ILogger logger, string referralId, AnswerKind kind, int attempts);
}
