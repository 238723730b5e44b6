using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Every client reply goes the same way: parsed and screened by the domain, kept on the timeline, and a red flag opens a
/// flag that escalates until a coordinator acknowledges it (<see cref="RaiseRedFlag"/>, docs/clinical.md "Escalation").
/// A reaction the therapist recorded with a session takes the same path (<see cref="AlertAsync"/>).
/// </summary>
internal static class ReplyHandling
{
    /// <param name="journey">The referral's journey.</param>
    /// <param name="reply">The reply, by reference.</param>
    /// <param name="expecting">What the question asked for.</param>
    /// <param name="slotCount">How many slots were offered (a slot choice).</param>
    /// <param name="followUp">The follow-up it answers, if any.</param>
    /// <param name="sessionNumber">The session that follow-up came after (default: the journey's session).</param>
    /// <param name="late">The answer came after its follow-up's window: handled and kept, but it decides nothing more.</param>
    public static async Task<ReplyOutcome> ProcessAsync(
        Journey journey, ClientReply reply, ReplyExpectation expecting, int slotCount, FollowUpKind? followUp = null, int? sessionNumber = null, bool late = false)
    {
        var step = journey.NextStep();
        journey.Skip(); // a red flag writes a second entry
        var outcome = await journey.Context.CallProcessClientReplyAsync(
            new ReplyToProcess(journey.Input.ReferralId, reply, expecting, slotCount, step) { SessionNumber = sessionNumber ?? journey.SessionNumber, FollowUp = followUp, Late = late }, journey.Retry);
        await AlertAsync(journey, outcome.RedFlag, reply.MessageId);
        return outcome;
    }

    /// <summary>
    /// An answer the client gave on a web form (<paramref name="kind"/>) is screened like a reply once it is stored: an
    /// immediate flag gets the client the triage advice at once (they are not in a text conversation to answer), and any
    /// flag opens one that escalates, once per <paramref name="sourceId"/>.
    /// </summary>
    public static async Task ScreenFormAnswerAsync(Journey journey, FormAnswerKind kind, string sourceId)
    {
        if (!journey.Supports(WorkflowVersions.FormAnswersScreened))
        {
            return; // started by a release that did not screen form answers: its history has no such step to replay
        }

        var level = await journey.Context.CallScreenFormAnswerAsync(new FormAnswerToScreen(journey.Input.ReferralId, kind, journey.NextStep()), journey.Retry);
        if (level == RedFlagLevel.Immediate)
        {
            await journey.SendToClientNowAsync(ClientMessageKind.UrgentAdvice, $"urgent:{sourceId}");
        }

        await AlertAsync(journey, level, sourceId);
    }

    /// <summary>
    /// A red flag (from a reply or a reaction the therapist recorded) opens a flag that escalates until acknowledged; once
    /// per <paramref name="sourceId"/> (the reply's message id, or the reaction's key), never with the text.
    /// </summary>
    public static async Task AlertAsync(Journey journey, RedFlagLevel level, string sourceId)
    {
        if (level != RedFlagLevel.None)
        {
            await journey.Context.CallRaiseRedFlagAsync(new RedFlagToRaise(journey.Input.ReferralId, level, sourceId), journey.Retry);
            journey.Context.LogRedFlagRaised(journey.Input.ReferralId, level);
        }
    }
}
