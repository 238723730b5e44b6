using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Forms;

/// <summary>
/// A validated release (or hold-question answer) from the oncologist's signed link, with the signer's evidence.
/// <paramref name="QuestionKey"/> is null for the release, the question's key (<see cref="ReleaseAnswers.QuestionKey"/>) for a hold question.
/// </summary>
public sealed record ReleaseSubmission(string ReferralId, ReleaseDecision Decision, string? QuestionKey, DateTimeOffset SignedAt, string? SignerAddress, string? SignerUserAgent);

/// <summary>Whether the release form may be shown or answered now.</summary>
public enum ReleaseFormState
{
    /// <summary>Waiting for this answer.</summary>
    Open,

    /// <summary>Answered already (a submit still goes on: the relay tells a repeat from a change).</summary>
    Answered,

    /// <summary>The referral is past this step or closed.</summary>
    NotAwaiting,
}

/// <summary>
/// The release and hold-question use case: is the form open for this referral, and "store the signed answer, then get
/// it to the orchestration" through <see cref="AnswerRelay"/> (no answer lost, none stored twice, a different second
/// answer refused). Host-neutral: the HTTP function only binds, validates and renders.
/// </summary>
public sealed partial class ReleaseAnswerHandler(IReleaseStore releases, AnswerRelay relay, ILogger<ReleaseAnswerHandler> logger)
{
    /// <summary>The form's state for the referral, and the earlier answer when there is one.</summary>
    public async Task<(ReleaseFormState State, ReleaseRecord? Earlier)> StateAsync(ReferralRecord referral, string? questionKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var earlier = await EarlierAsync(referral.Id, questionKey, cancellationToken);
        if (earlier is not null)
        {
            return (ReleaseFormState.Answered, earlier);
        }

        return (referral.Stage == (questionKey is null ? Stage.MdReleaseRequested : Stage.NeedsMdInput) ? ReleaseFormState.Open : ReleaseFormState.NotAwaiting, null);
    }

    /// <summary>
    /// Stores the answer once and raises it to the waiting orchestration. <paramref name="earlier"/>: what the request read
    /// a moment ago through <see cref="StateAsync"/>, so it is not read again before storing.
    /// </summary>
    public async Task<RelayOutcome> SubmitAsync(ReleaseSubmission submission, CancellationToken cancellationToken, ReadMomentsAgo<ReleaseRecord>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var (id, key, decision) = (submission.ReferralId, submission.QuestionKey, submission.Decision);
        var record = new ReleaseRecord(id, decision, submission.SignedAt, submission.SignerAddress, submission.SignerUserAgent) { QuestionKey = key };
        var outcome = await relay.StoreAndRaiseAsync(
            key is null ? AnswerRef.OnePer(id, AnswerKind.Release) : new AnswerRef(id, AnswerKind.HoldAnswer, key),
            async ct => Compare(await EarlierAsync(id, key, ct), decision),
            ct => releases.TryRecordAsync(record, ct), cancellationToken, StoredAnswers.Of(record),
            firstLook: earlier is null ? null : Compare(earlier.Record, decision));
        if (outcome != RelayOutcome.Conflict)
        {
            LogDecided(logger, id, decision.Outcome);
        }

        return outcome;
    }

    /// <summary>The same decision again (its decision time aside) is a repeat; any other decision conflicts.</summary>
    private static StoredAnswer Compare(ReleaseRecord? stored, ReleaseDecision submitted) =>
        stored is null ? StoredAnswer.None : AnswerComparison.Of(stored.Decision with { DecidedAt = null }, submitted with { DecidedAt = null });

    private Task<ReleaseRecord?> EarlierAsync(string referralId, string? questionKey, CancellationToken cancellationToken) =>
        questionKey is null ? releases.GetAsync(referralId, cancellationToken) : releases.GetAnswerAsync(referralId, questionKey, cancellationToken);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Release for referral {ReferralId} recorded: {Outcome}")]
    private static partial void LogDecided(ILogger logger, string referralId, ReleaseOutcome outcome);
}
