using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>
/// The slots a coordinator may book for a referral: each therapist's weekly windows at the venue, cut into session
/// lengths in the venue's time zone, from now for <see cref="Horizon"/>, minus booked slots. A booking request is
/// validated by deriving the list again, so a made-up or stale slot id is refused.
/// (Minimal on purpose: the scheduling work's SlotOffers service replaces it when merged.)
/// </summary>
public sealed class OfferedSlots(IVenueStore venues, IBookingStore bookings, TimeProvider clock)
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    public const int MaxSlots = 100;

    /// <summary>The free slots, soonest first.</summary>
    public async Task<IReadOnlyList<Slot>> ForVenueAsync(string venueId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var booked = (await bookings.ListAsync(venueId, now, now + Horizon, cancellationToken)).Select(b => b.Slot.Id).ToHashSet(StringComparer.Ordinal);
        return (await AllAsync(venueId, cancellationToken)).Where(s => !booked.Contains(s.Id)).Take(MaxSlots).ToArray();
    }

    /// <summary>The slot with this id if the venue's hours offer it in the horizon, booked or not (a booking request's check).</summary>
    public async Task<Slot?> FindAsync(string venueId, string slotId, CancellationToken cancellationToken) =>
        (await AllAsync(venueId, cancellationToken)).FirstOrDefault(s => s.Id == slotId);

    private async Task<IReadOnlyList<Slot>> AllAsync(string venueId, CancellationToken cancellationToken)
    {
        var venue = await venues.GetAsync(venueId, cancellationToken);
        var now = clock.GetUtcNow();
        return venue is null ? [] : Derive(venue, now, now + Horizon).ToArray();
    }

    internal static IEnumerable<Slot> Derive(Venue venue, DateTimeOffset fromUtc, DateTimeOffset untilUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(venue.TimeZone);
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fromUtc, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(untilUtc, zone).DateTime);
        var slots = new List<Slot>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var therapist in venue.Therapists)
            {
                foreach (var window in therapist.Windows.Where(w => w.Day == day.DayOfWeek))
                {
                    for (var start = day.ToDateTime(window.Start); start + venue.SessionLength <= day.ToDateTime(window.End); start += venue.SessionLength)
                    {
                        if (zone.IsInvalidTime(start))
                        {
                            continue; // skipped by a daylight-saving jump
                        }

                        var startsAt = new DateTimeOffset(start, zone.GetUtcOffset(start)).ToUniversalTime();
                        if (startsAt > fromUtc && startsAt < untilUtc)
                        {
                            slots.Add(new Slot(venue.Id, therapist.TherapistId, startsAt, startsAt + venue.SessionLength));
                        }
                    }
                }
            }
        }

        return slots.OrderBy(s => s.StartsAt).ThenBy(s => s.TherapistId, StringComparer.Ordinal);
    }
}
