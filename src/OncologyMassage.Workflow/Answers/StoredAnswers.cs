using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Answers;

/// <summary>The event (name and id-only payload) to raise for an answer.</summary>
public sealed record AnswerEvent(string Name, object Payload);

/// <summary>
/// Reads a stored answer back and derives the event its orchestration waits for, so the form handler, the SMS path and
/// the sweep raise exactly the same event from exactly what was stored. Null while the answer is not stored.
/// </summary>
public sealed class StoredAnswers(IReleaseStore releases, IIntakeStore intakes, IConsentStore consents, ISessionStore sessions, IReplyStore replies)
{
    public async Task<AnswerEvent?> EventForAsync(AnswerRef answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var id = answer.ReferralId;
        switch (answer.Kind)
        {
            case AnswerKind.Release:
                return await releases.GetAsync(id, cancellationToken) is { } release
                    ? new AnswerEvent(WorkflowEvents.ReleaseDecided, new ReleaseAnswered(release.Decision.Outcome, release.SignedAt))
                    : null;
            case AnswerKind.HoldAnswer:
                return await releases.GetAnswerAsync(id, answer.Key, cancellationToken) is { } hold
                    ? new AnswerEvent(WorkflowEvents.ReleaseDecided, new ReleaseAnswered(hold.Decision.Outcome, hold.SignedAt) { QuestionKey = answer.Key })
                    : null;
            case AnswerKind.Intake:
                return await intakes.GetAsync(id, cancellationToken) is { } intake
                    ? new AnswerEvent(WorkflowEvents.IntakeSubmitted, new FormSubmitted(intake.SubmittedAt))
                    : null;
            case AnswerKind.Consent:
                return await consents.GetAsync(id, cancellationToken) is { } consent
                    ? new AnswerEvent(WorkflowEvents.ConsentSigned, new FormSubmitted(consent.SignedAt))
                    : null;
            case AnswerKind.ConsentWithdrawal:
                return await consents.GetAsync(id, cancellationToken) is { WithdrawnAt: { } withdrawnAt }
                    ? new AnswerEvent(WorkflowEvents.ConsentWithdrawn, new ConsentWithdrawal(withdrawnAt))
                    : null;
            case AnswerKind.Survey:
                return (await sessions.ListFollowUpsAsync(id, cancellationToken)).FirstOrDefault(f => f.FollowUpId == answer.Key && f.Replied) is { } survey
                    ? new AnswerEvent(WorkflowEvents.FollowUpAnswered, new ClientReply(survey.RecordedAt, ReplyChannel.Web, answer.Key) { FollowUpId = answer.Key })
                    : null;
            case AnswerKind.SmsReply:
                // A text that answered a follow-up (the number's wait named it) is raised keyed with that follow-up's id.
                return await replies.GetAsync(id, answer.Key, cancellationToken) is { } reply
                    ? new AnswerEvent(reply.FollowUpId is null ? WorkflowEvents.ClientReplied : WorkflowEvents.FollowUpAnswered,
                        new ClientReply(reply.ReceivedAt, ReplyChannel.Sms, answer.Key) { FollowUpId = reply.FollowUpId })
                    : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer), answer.Kind, "Unknown answer kind.");
        }
    }
}
