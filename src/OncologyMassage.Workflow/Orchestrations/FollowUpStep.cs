using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Timed follow-ups after a session, from the session's end: an SMS at +24 h after every session, and after the last one an
/// email survey at +7 days and an SMS at +30 days. Each waits <c>FollowUpReplyWindow</c> for a reply; no reply is recorded
/// as such, never as a zero.
/// </summary>
internal static class FollowUpStep
{
    /// <summary>The +24 h follow-up; true when the client's reply lowers the next session's plan.</summary>
    public static async Task<bool> FirstAsync(Journey journey, DateTime sessionEnded)
    {
        await journey.MoveAsync(Stage.FollowUp, $"Follow-ups after session {journey.SessionNumber}");
        var reply = await AskAsync(journey, sessionEnded + journey.Input.Timings.FirstFollowUpAfter, ClientMessageKind.FirstFollowUp, FollowUpKind.Sms24Hours);
        return reply?.LowersNextPlan == true;
    }

    public static async Task LaterAsync(Journey journey, DateTime sessionEnded)
    {
        var timings = journey.Input.Timings;
        await AskAsync(journey, sessionEnded + timings.SecondFollowUpAfter, ClientMessageKind.SurveyFollowUp, FollowUpKind.Email7Days);
        await AskAsync(journey, sessionEnded + timings.ThirdFollowUpAfter, ClientMessageKind.LastFollowUp, FollowUpKind.Sms30Days);
    }

    /// <summary>
    /// Sends one follow-up, keyed by its id (link, SMS wait, stored answer), and waits for the answer to that follow-up only:
    /// an answer to another follow-up (an earlier one whose window closed, or a delivery repeated) is handled as late under
    /// its own key (stored, screened, on the timeline, never lost) and the wait goes on until this window closes.
    /// </summary>
    private static async Task<ReplyOutcome?> AskAsync(Journey journey, DateTime at, ClientMessageKind kind, FollowUpKind followUp)
    {
        await journey.DelayUntilAsync(at);
        var key = FollowUps.Id(followUp, journey.SessionNumber);
        await journey.SendToClientAsync(kind, key, step => new ClientMessage(journey.Input.ReferralId, kind, key, step)
        {
            ExpectReply = kind == ClientMessageKind.SurveyFollowUp ? null : ReplyExpectation.Rating,
            LinkExpiresAt = step.At + journey.Input.Timings.FollowUpReplyWindow,
            FollowUpId = key,
        });

        var deadline = journey.Now + journey.Input.Timings.FollowUpReplyWindow;
        while (true)
        {
            var reply = await journey.WaitAsync<ClientReply>(WorkflowEvents.FollowUpAnswered, deadline);
            if (reply is null)
            {
                await journey.Context.CallCloseFollowUpAsync(new FollowUpWindowClosed(journey.Input.ReferralId, journey.SessionNumber, followUp, journey.NextStep()), journey.Retry);
                return null;
            }

            if (!journey.HandledReplies.Add(reply.MessageId))
            {
                continue; // the same answer delivered again: handled once
            }

            if (reply.FollowUpId == key)
            {
                return await ReplyHandling.ProcessAsync(journey, reply, ReplyExpectation.Rating, 0, followUp);
            }

            if (FollowUps.TryParse(reply.FollowUpId, out var answered, out var session))
            {
                await ReplyHandling.ProcessAsync(journey, reply, ReplyExpectation.Rating, 0, answered, session, late: true);
            }
        }
    }
}
