using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Scheduling: offer up to three free slots (client replies 1, 2 or 3) or let a coordinator book one; offer fresh slots
/// after <c>SchedulingReminderAfter</c>; expire at <c>SchedulingExpiresAfter</c>. Returns the booked slot.
/// </summary>
internal static class SchedulingStep
{
    private const int SlotsOffered = 3;

    public static async Task<OfferedSlot> RunAsync(Journey journey)
    {
        var timings = journey.Input.Timings;
        await journey.MoveAsync(Stage.SchedulingPending, journey.SessionNumber == 1
            ? "Plan ready; offering session slots"
            : $"Offering slots for session {journey.SessionNumber} of {journey.Input.SessionsAuthorised}");
        var deadline = journey.Now + timings.SchedulingExpiresAfter;

        for (var round = 1; journey.Now < deadline; round++)
        {
            var slots = await journey.Context.CallOfferSlotsAsync(
                new SlotRequest(journey.Input.ReferralId, journey.Input.VenueId, SlotsOffered, journey.NowOffset), journey.Retry);
            var key = $"slots:{journey.SessionNumber}:{round}";
            if (slots.Count == 0)
            {
                await journey.NotifyCoordinatorAsync(CoordinatorNoticeKind.NoSlotsAvailable, key);
            }
            else
            {
                await journey.SendToClientAsync(ClientMessageKind.SlotOffer, key,
                    step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.SlotOffer, key, step)
                    {
                        Slots = slots,
                        ExpectReply = ReplyExpectation.SlotChoice,
                        Reminder = round > 1,
                    });
            }

            var reofferAt = journey.Now + timings.SchedulingReminderAfter;
            var booked = await AwaitChoiceAsync(journey, slots, reofferAt < deadline ? reofferAt : deadline);
            if (booked is not null)
            {
                await journey.SendToClientAsync(ClientMessageKind.BookingConfirmed, $"booked:{journey.SessionNumber}",
                    step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.BookingConfirmed, $"booked:{journey.SessionNumber}", step)
                    {
                        SessionStartsAt = booked.StartsAt,
                        SessionNumber = journey.SessionNumber,
                    });
                return booked;
            }

        }

        await journey.CloseAsync(Stage.Expired, "No session slot was booked before the deadline");
        throw new InvalidOperationException("CloseAsync always ends the journey.");
    }

    /// <summary>The booked slot, or null when it is time to offer fresh ones.</summary>
    private static async Task<OfferedSlot?> AwaitChoiceAsync(Journey journey, IReadOnlyList<OfferedSlot> slots, DateTime until)
    {
        while (journey.Now < until)
        {
            var reply = journey.Listen<ClientReply>(WorkflowEvents.ClientReplied);
            var chosen = journey.Listen<SlotChosen>(WorkflowEvents.SlotChosen);
            using var cts = new CancellationTokenSource();
            var timer = journey.Context.CreateTimer(until, cts.Token);
            Task winner;
            try
            {
                winner = await journey.RaceAsync(chosen, reply, timer);
            }
            finally
            {
                cts.Cancel(); // also when a cancel ends the journey: an open timer keeps the instance Running
            }

            if (winner == timer)
            {
                return null;
            }

            if (winner == chosen)
            {
                var booking = await journey.TakeAsync<SlotChosen>(WorkflowEvents.SlotChosen);
                await journey.NoteAsync(TimelineKind.CoordinatorAction, $"Slot {booking.StartsAt:yyyy-MM-dd HH:mm} UTC booked by {booking.By}");
                return new OfferedSlot(booking.SlotId, booking.TherapistId, booking.StartsAt, booking.EndsAt);
            }

            var answer = await ReplyHandling.ProcessAsync(journey, await journey.TakeAsync<ClientReply>(WorkflowEvents.ClientReplied),
                ReplyExpectation.SlotChoice, slots.Count);
            if (answer.Kind == ReplyKind.SlotChoice && answer.Slot is int n && n >= 1 && n <= slots.Count)
            {
                var slot = slots[n - 1];
                if (await journey.Context.CallBookSlotAsync(new SlotBooking(journey.Input.ReferralId, journey.Input.VenueId, slot, journey.NextStep()), journey.Retry))
                {
                    return slot;
                }

                return null; // taken meanwhile: offer fresh slots now
            }
        }

        return null;
    }
}
