using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// The session: remind the client the day before (at a decent hour), then wait for the therapist's record; if none arrives
/// within <c>SessionRecordGrace</c> after the slot, alert the coordinator once and keep waiting. Once recorded, the reaction
/// the therapist noted is screened like a client's reply: a red flag alerts the coordinator on the replies' path
/// (<see cref="ReplyHandling.AlertAsync"/>), and a reaction that lowers the next plan says so.
/// <para>
/// From <see cref="WorkflowVersions.SessionsRescheduled"/> on, every wait also hears a reschedule: the client is sent the
/// new time (the same session number, the invite's revision one higher), and the reminder and the record-grace deadline
/// follow the new slot (<see cref="RunReschedulableAsync"/>). Older instances replay the path below unchanged.
/// </para>
/// </summary>
internal static class SessionStep
{
    public static async Task<SessionDone> RunAsync(Journey journey, OfferedSlot slot)
    {
        var timings = journey.Input.Timings;
        await journey.MoveAsync(Stage.SessionScheduled,
            $"Session {journey.SessionNumber} of {journey.Input.SessionsAuthorised} booked for {slot.StartsAt:yyyy-MM-dd HH:mm} UTC");
        if (journey.Supports(WorkflowVersions.SessionsRescheduled))
        {
            return await RunReschedulableAsync(journey, slot);
        }

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

    /// <summary>
    /// The session's waits, each ended by the record, a reschedule or its deadline. A reschedule starts the waits again for
    /// the new slot: a reminder already sent for the old time stays sent; one for the new time goes out the day before it
    /// (never for a time that no longer holds); the coordinator is alerted when the newest slot passes unrecorded.
    /// </summary>
    private static async Task<SessionDone> RunReschedulableAsync(Journey journey, OfferedSlot slot)
    {
        var timings = journey.Input.Timings;
        var revision = 0;
        while (true)
        {
            var remindAt = slot.StartsAt.UtcDateTime - timings.SessionReminderBefore;
            if (remindAt > journey.Now)
            {
                var (early, movedEarly) = await WaitForRecordOrMoveAsync(journey, remindAt);
                if (early is not null)
                {
                    return await CompleteAsync(journey, early);
                }

                if (movedEarly is not null)
                {
                    slot = IsRepeat(movedEarly, slot) ? slot : await RescheduleAsync(journey, movedEarly, ++revision);
                    continue;
                }

                var reminderKey = Keyed($"session-reminder:{journey.SessionNumber}", revision);
                await journey.SendToClientAsync(ClientMessageKind.SessionReminder, reminderKey,
                    step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.SessionReminder, reminderKey, step)
                    {
                        SessionStartsAt = slot.StartsAt,
                        SessionNumber = journey.SessionNumber,
                        Revision = revision,
                    });
            }

            var (recorded, moved) = await WaitForRecordOrMoveAsync(journey, slot.EndsAt.UtcDateTime + timings.SessionRecordGrace);
            if (recorded is null && moved is null)
            {
                await journey.NotifyCoordinatorAsync(CoordinatorNoticeKind.SessionNotRecorded, Keyed($"session-not-recorded-{journey.SessionNumber}", revision));
                (recorded, moved) = await WaitForRecordOrMoveAsync(journey, DateTime.MaxValue);
            }

            if (recorded is not null)
            {
                return await CompleteAsync(journey, recorded);
            }

            if (!IsRepeat(moved!, slot))
            {
                slot = await RescheduleAsync(journey, moved!, ++revision);
            }
        }
    }

    /// <summary>
    /// A move to the slot the session is at already: the same move delivered again (a request's raise and the sweep's, or a
    /// coordinator's retry after a host stopped), heard once. No recorded history has one (a move to the current slot was
    /// always refused before it was raised), so every replay takes the same path and no version guard is needed.
    /// </summary>
    private static bool IsRepeat(SessionRescheduled moved, OfferedSlot slot) => moved.SlotId == slot.SlotId;

    /// <summary>Notes the move and sends the client the new time: the confirmation of the same session at the next revision (its own outbox key).</summary>
    private static async Task<OfferedSlot> RescheduleAsync(Journey journey, SessionRescheduled moved, int revision)
    {
        var slot = new OfferedSlot(moved.SlotId, moved.TherapistId, moved.StartsAt, moved.EndsAt);
        await journey.NoteAsync(TimelineKind.Note,
            $"Session {journey.SessionNumber} moved to {slot.StartsAt:yyyy-MM-dd HH:mm} UTC by {moved.By} (booking revision {revision})");
        var key = SessionInvites.ConfirmationKey(journey.SessionNumber, revision);
        await journey.SendToClientAsync(ClientMessageKind.BookingConfirmed, key,
            step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.BookingConfirmed, key, step)
            {
                SessionStartsAt = slot.StartsAt,
                SessionNumber = journey.SessionNumber,
                Revision = revision,
            });
        return slot;
    }

    /// <summary>The record or a reschedule, whichever comes first, until <paramref name="deadline"/> (<see cref="DateTime.MaxValue"/>: no deadline); both null when the deadline came first.</summary>
    private static async Task<(SessionRecorded? Recorded, SessionRescheduled? Moved)> WaitForRecordOrMoveAsync(Journey journey, DateTime deadline)
    {
        var recorded = journey.Listen<SessionRecorded>(WorkflowEvents.SessionRecorded);
        var moved = journey.Listen<SessionRescheduled>(WorkflowEvents.SessionRescheduled);
        if (!recorded.IsCompleted && !moved.IsCompleted && deadline == DateTime.MaxValue)
        {
            await journey.RaceAsync(recorded, moved); // no deadline: no timer (Journey.WaitAsync says why)
        }
        else if (!recorded.IsCompleted && !moved.IsCompleted && deadline > journey.Now)
        {
            using var cts = new CancellationTokenSource();
            var timer = journey.Context.CreateTimer(deadline, cts.Token);
            try
            {
                await journey.RaceAsync(recorded, moved, timer);
            }
            finally
            {
                cts.Cancel(); // also when a cancel or withdrawal ends the journey: an open timer keeps the instance Running
            }
        }

        return recorded.IsCompleted ? (await journey.TakeAsync<SessionRecorded>(WorkflowEvents.SessionRecorded), null)
            : moved.IsCompleted ? (null, await journey.TakeAsync<SessionRescheduled>(WorkflowEvents.SessionRescheduled))
            : (null, null);
    }

    /// <summary>A step key of the first booking as it always was; after a reschedule, the revision appended, so the outbox sends each once.</summary>
    private static string Keyed(string key, int revision) =>
        revision == 0 ? key : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}:{revision}");

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
