using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// The session: remind the client the day before (at a decent hour), then wait for the therapist's record; if none arrives
/// within <c>SessionRecordGrace</c> after the slot, alert the coordinator once and keep waiting. Returns when it was recorded.
/// </summary>
internal static class SessionStep
{
    public static async Task<DateTime> RunAsync(Journey journey, OfferedSlot slot)
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

    private static async Task<DateTime> CompleteAsync(Journey journey, SessionRecorded recorded)
    {
        await journey.MoveAsync(Stage.SessionCompleted, $"Session {recorded.SessionNumber} recorded by the therapist");
        return journey.Now;
    }
}
