using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Scheduling;

/// <summary>
/// The slots a venue can offer now: its stored availability minus its bookings (<see cref="SlotFinder"/>), and the way
/// back from a slot id a client chose to the slot itself. Booking the chosen slot is <see cref="IBookingStore.TryBookAsync"/>,
/// which refuses a slot someone else holds.
/// </summary>
public sealed class SlotOffers(IVenueStore venues, IBookingStore bookings, IOptions<SchedulingOptions> options)
{
    /// <summary>Bookings that started this long before the search window can still overlap a slot in it.</summary>
    private static readonly TimeSpan LongestSession = TimeSpan.FromDays(1);

    /// <summary>
    /// Up to <paramref name="count"/> free slots (the configured <see cref="SchedulingOptions.SlotsOffered"/> when 0 or
    /// less), earliest first and spread over days; empty for an unknown venue or a full calendar.
    /// </summary>
    public async Task<IReadOnlyList<Slot>> OfferAsync(string venueId, DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        var venue = await venues.GetAsync(venueId, cancellationToken);
        if (venue is null)
        {
            return [];
        }

        var rules = options.Value.ToRules();
        rules = rules with { Count = count > 0 ? count : rules.Count };
        var booked = await bookings.ListAsync(venue.Id, now + rules.LeadTime - LongestSession, now + rules.Horizon, cancellationToken);
        return SlotFinder.FindFree(venue, booked.Select(b => b.Slot), now, rules);
    }

    /// <summary>
    /// The slot a slot id names, when it is one of the venue's availability slots and would still be offered now (no
    /// sooner than the lead time, no later than the horizon); otherwise null. Whether someone holds it is the booking's
    /// answer, not this one.
    /// </summary>
    public async Task<Slot?> FindOfferedAsync(string venueId, string slotId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var venue = await venues.GetAsync(venueId, cancellationToken);
        var slot = venue is null ? null : SlotFinder.Resolve(venue, slotId);
        var rules = options.Value.ToRules();
        return slot is not null && slot.StartsAt >= now + rules.LeadTime && slot.StartsAt <= now + rules.Horizon ? slot : null;
    }
}
