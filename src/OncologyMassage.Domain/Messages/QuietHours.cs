namespace OncologyMassage.Domain.Messages;

/// <summary>
/// No texts at night in the client's own time zone. A send that falls inside quiet hours is deferred to their end, never
/// dropped. The window may wrap midnight (21:00–08:00, the default) or not (13:00–14:00); start = end means no quiet hours.
/// </summary>
public static class QuietHours
{
    /// <summary>The earliest instant at or after <paramref name="utcNow"/> outside quiet hours in <paramref name="timeZone"/> (IANA; unknown = UTC).</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset utcNow, string? timeZone, TimeSpan start, TimeSpan end)
    {
        if (start == end)
        {
            return utcNow;
        }

        var zone = Find(timeZone);
        var local = TimeZoneInfo.ConvertTime(utcNow, zone);
        var time = local.TimeOfDay;
        var wraps = start > end;
        var quiet = wraps ? time >= start || time < end : time >= start && time < end;
        if (!quiet)
        {
            return utcNow;
        }

        // The end of this quiet period, as a local wall-clock time, then back to UTC with that day's offset (DST-safe).
        var endDate = wraps && time >= start ? local.Date.AddDays(1) : local.Date;
        var wallClockEnd = endDate + end;
        if (zone.IsInvalidTime(wallClockEnd))
        {
            wallClockEnd = wallClockEnd.AddHours(1); // skipped by a spring-forward change: the next real hour
        }

        var offset = zone.GetUtcOffset(wallClockEnd);
        return new DateTimeOffset(wallClockEnd, offset).ToUniversalTime();
    }

    /// <summary>True when <paramref name="utcNow"/> is inside quiet hours.</summary>
    public static bool IsQuiet(DateTimeOffset utcNow, string? timeZone, TimeSpan start, TimeSpan end) =>
        NextAllowed(utcNow, timeZone, start, end) != utcNow;

    private static TimeZoneInfo Find(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
