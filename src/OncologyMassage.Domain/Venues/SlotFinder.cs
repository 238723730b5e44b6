using System.Globalization;

namespace OncologyMassage.Domain.Venues;

/// <summary>
/// Free slots of a venue: its therapists' weekly windows, cut into <see cref="Venue.SessionLength"/> slots aligned to each
/// window's start, in the venue's own time zone (so a Tuesday 09:00 slot stays 09:00 local across a DST change), minus
/// every slot that overlaps a booking of the same therapist. Pure and deterministic: "now" is a parameter.
/// </summary>
public static class SlotFinder
{
    /// <summary>
    /// The next <see cref="SlotRules.Count"/> free slots in [now + lead time, now + horizon], earliest first. Slots are
    /// spread over different local days where possible, then over different start times, so that a client choosing
    /// 1, 2 or 3 gets real alternatives rather than three therapists at the same hour.
    /// </summary>
    public static IReadOnlyList<Slot> FindFree(Venue venue, IEnumerable<Slot> booked, DateTimeOffset now, SlotRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(booked);
        rules ??= SlotRules.Default;
        if (rules.Count <= 0)
        {
            return [];
        }

        var earliest = now + rules.LeadTime;
        var latest = now + rules.Horizon;
        var bookings = booked.Where(b => b.VenueId == venue.Id).ToLookup(b => b.TherapistId, StringComparer.Ordinal);
        var free = Candidates(venue, earliest, latest)
            .Where(s => s.StartsAt >= earliest && s.StartsAt <= latest)
            .Where(s => !bookings[s.TherapistId].Any(b => b.StartsAt < s.EndsAt && s.StartsAt < b.EndsAt))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.TherapistId, StringComparer.Ordinal)
            .ToList();
        return Spread(free, rules.Count);
    }

    /// <summary>
    /// The slot a slot id names (<c>{therapist}|{yyyyMMddTHHmmZ}</c>), when it is one of the venue's availability slots;
    /// otherwise null. Bookings, lead time and horizon are the caller's to check.
    /// </summary>
    public static Slot? Resolve(Venue venue, string slotId)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var parts = slotId?.Split('|');
        if (parts is not { Length: 2 } || !DateTime.TryParseExact(parts[1], "yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var startUtc))
        {
            return null;
        }

        var start = new DateTimeOffset(startUtc, TimeSpan.Zero);
        return Candidates(venue, start.AddDays(-1), start.AddDays(1))
            .FirstOrDefault(s => s.TherapistId == parts[0] && s.StartsAt == start);
    }

    /// <summary>Every availability slot whose local day lies between the local days of <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static IEnumerable<Slot> Candidates(Venue venue, DateTimeOffset from, DateTimeOffset to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(venue.TimeZone);
        var length = venue.SessionLength;
        if (length <= TimeSpan.Zero)
        {
            yield break;
        }

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var therapist in venue.Therapists)
            {
                foreach (var window in therapist.Windows.Where(w => w.Day == day.DayOfWeek))
                {
                    for (var start = window.Start.ToTimeSpan(); start + length <= window.End.ToTimeSpan(); start += length)
                    {
                        if (ToInstant(day.ToDateTime(TimeOnly.MinValue) + start, zone) is { } startsAt)
                        {
                            yield return new Slot(venue.Id, therapist.TherapistId, startsAt, TimeZoneInfo.ConvertTime(startsAt + length, zone));
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// A local wall-clock time as an instant in the venue's zone. A time skipped by the spring-forward change does not
    /// exist (no slot); a time repeated by the fall-back change is taken at its first occurrence.
    /// </summary>
    private static DateTimeOffset? ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>One slot per local day first (earliest days first), then distinct start times, then whatever is left.</summary>
    private static List<Slot> Spread(List<Slot> free, int count)
    {
        var picked = new List<Slot>(count);
        // StartsAt carries the venue's offset, so its Date is the venue's local day.
        foreach (var slot in free.GroupBy(s => s.StartsAt.Date).Select(g => g.First()).Take(count))
        {
            picked.Add(slot);
        }

        foreach (var slot in free.Where(s => !picked.Contains(s)))
        {
            if (picked.Count >= count)
            {
                break;
            }

            if (!picked.Any(p => p.StartsAt == slot.StartsAt))
            {
                picked.Add(slot);
            }
        }

        picked.AddRange(free.Where(s => !picked.Contains(s)).Take(count - picked.Count));
        return picked.OrderBy(s => s.StartsAt).ThenBy(s => s.TherapistId, StringComparer.Ordinal).ToList();
    }
}
