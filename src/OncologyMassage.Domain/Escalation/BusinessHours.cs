namespace OncologyMassage.Domain.Escalation;

/// <summary>
/// A venue's working week for counting a same-day flag's acknowledgement clock: the days it is open and one daily
/// window, in the venue's own time zone. Time outside the window does not count, so a same-day flag raised on Friday
/// evening with a four-hour clock escalates on Monday at 13:00 when the venue opens at 09:00.
/// </summary>
public sealed record BusinessHours(TimeOnly Opens, TimeOnly Closes, IReadOnlyList<DayOfWeek> Days)
{
    /// <summary>How far ahead <see cref="Add"/> looks for business time before giving up (a year of closed days is a configuration error).</summary>
    private const int MaxDaysScanned = 400;

    public bool IsValid => Opens < Closes && Days.Count > 0;

    /// <summary>
    /// The instant at which <paramref name="duration"/> of business time has passed since <paramref name="from"/>,
    /// counted on the venue's local clock in <paramref name="zone"/>. Pure and deterministic (orchestrators call it).
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan duration, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (!IsValid)
        {
            throw new InvalidOperationException("Business hours need an opening time before the closing time and at least one day.");
        }

        var remaining = duration;
        var cursor = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        for (var day = 0; day < MaxDaysScanned; day++)
        {
            var date = DateOnly.FromDateTime(cursor);
            if (Days.Contains(cursor.DayOfWeek))
            {
                var opens = date.ToDateTime(Opens);
                var closes = date.ToDateTime(Closes);
                var start = cursor < opens ? opens : cursor;
                if (start < closes)
                {
                    var available = closes - start;
                    if (remaining <= available)
                    {
                        return ToUtc(start + remaining, zone);
                    }

                    remaining -= available;
                }
            }

            cursor = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException($"No business time found within {MaxDaysScanned} days.");
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1); // inside a spring-forward gap: the first valid minute after it
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}
