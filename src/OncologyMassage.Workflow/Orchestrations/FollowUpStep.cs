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

    private static async Task<ReplyOutcome?> AskAsync(Journey journey, DateTime at, ClientMessageKind kind, FollowUpKind followUp)
    {
        await journey.DelayUntilAsync(at);
        var key = $"{FollowUps.Id(followUp, journey.SessionNumber)}";
        await journey.SendToClientAsync(kind, key, step => new ClientMessage(journey.Input.ReferralId, kind, key, step)
        {
            ExpectReply = kind == ClientMessageKind.SurveyFollowUp ? null : ReplyExpectation.Rating,
            LinkExpiresAt = step.At + journey.Input.Timings.FollowUpReplyWindow,
        });

        var reply = await journey.WaitAsync<ClientReply>(WorkflowEvents.ClientReplied, journey.Now + journey.Input.Timings.FollowUpReplyWindow);
        if (reply is null)
        {
            await journey.CallAsync<bool>(nameof(CloseFollowUp), new FollowUpWindowClosed(journey.Input.ReferralId, journey.SessionNumber, followUp, journey.NextStep()));
            return null;
        }

        return await ReplyHandling.ProcessAsync(journey, reply, ReplyExpectation.Rating, 0, followUp);
    }
}
