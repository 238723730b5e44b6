using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="BookSlot"/>.</summary>
public sealed record SlotBooking(string ReferralId, string VenueId, OfferedSlot Slot, JourneyStep Step);

/// <summary>
/// Books the slot for the referral (an insert keyed by the slot: no double booking). False when another referral took it
/// meanwhile; the orchestration then offers fresh slots.
/// </summary>
public sealed class BookSlot(IBookingStore bookings, IReferralStore store) : IActivity<SlotBooking, bool>
{
    public async Task<bool> RunAsync(SlotBooking input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var slot = new Slot(input.VenueId, input.Slot.TherapistId, input.Slot.StartsAt, input.Slot.EndsAt);
        var booked = await bookings.TryBookAsync(slot, input.ReferralId, cancellationToken);
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.Note, input.Step.Stage,
            booked
                ? $"Slot booked: {input.Slot.StartsAt:yyyy-MM-dd HH:mm} UTC with therapist {input.Slot.TherapistId}"
                : $"Slot {input.Slot.StartsAt:yyyy-MM-dd HH:mm} UTC was taken meanwhile; offering others"), cancellationToken);
        return booked;
    }
}
