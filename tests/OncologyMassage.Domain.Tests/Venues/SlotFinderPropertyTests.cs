using FsCheck;
using FsCheck.Xunit;
using OncologyMassage.Domain.Venues;
using static OncologyMassage.Domain.Tests.Venues.Venues;

namespace OncologyMassage.Domain.Tests.Venues;

/// <summary>
/// Whatever "now" (over seven months, both DST changes included) and whatever bookings (whole slots or shifted ones that
/// overlap part of a slot): an offered slot is inside the lead time and horizon, never overlaps its therapist's bookings,
/// and the offer takes as many days as the free slots allow.
/// </summary>
[Properties(MaxTest = 200)]
public sealed class SlotFinderPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Venue Venue = Create(
        Therapist("maya", [.. Weekdays().Take(3)]),
        Therapist("noah", Window(DayOfWeek.Wednesday, 12, 18), Window(DayOfWeek.Sunday, 1, 4))) with { SessionLength = TimeSpan.FromMinutes(45) };

    private static readonly SlotRules Rules = new(TimeSpan.FromHours(24), TimeSpan.FromDays(10), 3);

    [Property]
    public bool FindFree_AnyNowAndBookings_OffersOnlyFreeSlotsInsideTheWindowSpreadOverDays(NonNegativeInt minutes, (byte Pick, sbyte ShiftMinutes)[] picks)
    {
        var now = Start.AddMinutes(minutes.Get % (60 * 24 * 210));
        var all = SlotFinder.FindFree(Venue, [], now, Rules with { Count = 1000 });
        var booked = all.Count == 0 ? [] : picks.Select(p => (Slot: all[p.Pick % all.Count], Shift: p.ShiftMinutes % 60)).Select(x => x.Slot with
        {
            StartsAt = x.Slot.StartsAt.AddMinutes(x.Shift),
            EndsAt = x.Slot.EndsAt.AddMinutes(x.Shift),
        }).ToList();

        var offered = SlotFinder.FindFree(Venue, booked, now, Rules);

        var free = all.Where(s => !booked.Any(b => b.TherapistId == s.TherapistId && b.StartsAt < s.EndsAt && s.StartsAt < b.EndsAt)).ToList();
        var days = free.Select(s => s.StartsAt.Date).Distinct().Count();
        return offered.All(s => s.StartsAt >= now + Rules.LeadTime && s.StartsAt <= now + Rules.Horizon)
            && offered.All(free.Contains)
            && offered.Count == Math.Min(Rules.Count, free.Count)
            && offered.Select(s => s.StartsAt.Date).Distinct().Count() == Math.Min(Rules.Count, days)
            && offered.All(s => Local(s.StartsAt).TimeOfDay.TotalMinutes % 45 == Venue.Therapists.Single(t => t.TherapistId == s.TherapistId)
                .Windows.First(w => w.Day == Local(s.StartsAt).DayOfWeek).Start.ToTimeSpan().TotalMinutes % 45);
    }
}
