using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="OfferSlots"/>.</summary>
public sealed record SlotRequest(string ReferralId, string VenueId, int Count, DateTimeOffset At);

/// <summary>
/// The next free slots of the referral's venue (availability minus bookings, in the venue's time zone). Computing them is
/// I/O, so it is an activity; the orchestration records the result, and a replay offers the same slots.
/// </summary>
public sealed class OfferSlots(SlotOffers offers) : IActivity<SlotRequest, IReadOnlyList<OfferedSlot>>
{
    public async Task<IReadOnlyList<OfferedSlot>> RunAsync(SlotRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var slots = await offers.OfferAsync(input.VenueId, input.At, input.Count, cancellationToken);
        return slots.Select(s => new OfferedSlot(s.Id, s.TherapistId, s.StartsAt, s.EndsAt)).ToArray();
    }
}
