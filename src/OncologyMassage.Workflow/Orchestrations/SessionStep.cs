using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// The session: remind the client the day before (at a decent hour), then wait for the therapist's record; if none arrives
/// within <c>SessionRecordGrace</c> after the slot, alert the coordinator once and keep waiting. Once recorded, the reaction
/// the therapist noted is screened like a client's reply: a red flag alerts the coordinator on the replies' path
/// (<see cref="ReplyHandling.AlertAsync"/>), and a reaction that lowers the next plan says so.
/// </summary>
internal static class SessionStep
{
    public static async Task<SessionDone> RunAsync(Journey journey, OfferedSlot slot)
    {
        var timings = journey.Input.Timings;
        await journey.MoveAsync(Stage.SessionScheduled,
            $"Session {journey.SessionNumber} of {journey.Input.SessionsAuthorised} booked for {slot.StartsAt:yyyy-MM-dd HH:mm} UTC");

        var remindAt = slot.StartsAt.UtcDateTime - timings.SessionReminderBefore;
        if (remindAt > journey.Now)
        {
            var early = await journey.WaitAsync<SessionRecorded>(WorkflowEvents.SessionRecorded, remindAt);
            if (early is not null)
            {
                return await CompleteAsync(journey, early);
            }

            await journey.SendToClientAsync(ClientMessageKind.SessionReminder, $"session-reminder:{journey.SessionNumber}",
                step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.SessionReminder, $"session-reminder:{journey.SessionNumber}", step)
                {
                    SessionStartsAt = slot.StartsAt,
                    SessionNumber = journey.SessionNumber,
                });
        }

        var recorded = await journey.WaitAsync<SessionRecorded>(WorkflowEvents.SessionRecorded, slot.EndsAt.UtcDateTime + timings.SessionRecordGrace);
        if (recorded is null)
        {
            await journey.NotifyCoordinatorAsync(CoordinatorNoticeKind.SessionNotRecorded, $"session-not-recorded-{journey.SessionNumber}");
            recorded = await journey.WaitAsync<SessionRecorded>(WorkflowEvents.SessionRecorded, DateTime.MaxValue);
        }

        return await CompleteAsync(journey, recorded!);
    }

    private static async Task<SessionDone> CompleteAsync(Journey journey, SessionRecorded recorded)
    {
        await journey.MoveAsync(Stage.SessionCompleted, $"Session {recorded.SessionNumber} recorded by the therapist");
        var ended = journey.Now;
        var reaction = await journey.Context.CallScreenSessionReactionAsync(
            new SessionReaction(journey.Input.ReferralId, recorded.SessionNumber, journey.NextStep()), journey.Retry);
        await ReplyHandling.AlertAsync(journey, reaction.RedFlag, $"red-flag-reaction-{recorded.SessionNumber}");
        return new SessionDone(ended, reaction.LowersNextPlan);
    }
}

/// <summary>A recorded session: when it was recorded (the follow-ups count from it) and whether its reaction lowers the next plan.</summary>
internal sealed record SessionDone(DateTime EndedAt, bool ReactionLowersNextPlan);
