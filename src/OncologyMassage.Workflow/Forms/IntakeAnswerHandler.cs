using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Forms;

/// <summary>
/// The intake use case: is the form still open (one intake per referral), and "store the validated intake, then get it
/// to the orchestration" through <see cref="AnswerRelay"/> (pending-event row first, so nothing stored is lost; the same
/// intake sent again is answered like the first, a different one refused). The event carries the time only: the answers
/// stay in the intake store. Host-neutral: the HTTP function only binds, validates and renders.
/// </summary>
public sealed partial class IntakeAnswerHandler(IIntakeStore intakes, AnswerRelay relay, ILogger<IntakeAnswerHandler> logger)
{
    /// <summary>Whether the referral's intake was sent already (the link then shows no form).</summary>
    public async Task<bool> AnsweredAsync(string referralId, CancellationToken cancellationToken) =>
        await intakes.GetAsync(referralId, cancellationToken) is not null;

    /// <summary>Stores the intake once and raises it to the waiting orchestration.</summary>
    public async Task<RelayOutcome> SubmitAsync(string referralId, Intake intake, DateTimeOffset submittedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var record = new IntakeRecord(referralId, intake, submittedAt);
        var outcome = await relay.StoreAndRaiseAsync(AnswerRef.OnePer(referralId, AnswerKind.Intake),
            async ct => AnswerComparison.Of((await intakes.GetAsync(referralId, ct))?.Intake, intake),
            ct => intakes.TryRecordAsync(record, ct),
            cancellationToken, StoredAnswers.Of(record));
        if (outcome != RelayOutcome.Conflict)
        {
            LogSubmitted(logger, referralId);
        }

        return outcome;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Intake for referral {ReferralId} recorded")]
    private static partial void LogSubmitted(ILogger logger, string referralId);
}
