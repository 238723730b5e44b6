using OncologyMassage.Domain.Escalation;

namespace OncologyMassage.Domain.Tests.Escalation;

public sealed class BusinessHoursTests
{
    private static readonly BusinessHours Weekdays = new(new TimeOnly(9, 0), new TimeOnly(17, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Add_WithinOneBusinessDay_IsWallClock()
    {
        var from = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(from.AddHours(4), Weekdays.Add(from, TimeSpan.FromHours(4), NewYork));
    }

    [Fact]
    public void Add_PastClosing_ContinuesNextBusinessMorning()
    {
        var from = new DateTimeOffset(2026, 12, 2, 15, 30, 0, TimeSpan.FromHours(-5)); // Wednesday 15:30

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 11, 30, 0, TimeSpan.FromHours(-5)), Weekdays.Add(from, TimeSpan.FromHours(4), NewYork));
    }

    [Fact]
    public void Add_RaisedOnSaturdayNight_CountsFromMondayOpening()
    {
        var from = new DateTimeOffset(2026, 12, 5, 22, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.FromHours(-5)), Weekdays.Add(from, TimeSpan.FromHours(4), NewYork));
    }

    [Fact]
    public void Add_InTheVenuesTimeZone_NotUtc()
    {
        // 16:00 UTC is 09:00 in Phoenix (no daylight saving): the whole four hours fit that morning.
        var phoenix = TimeZoneInfo.FindSystemTimeZoneById("America/Phoenix");
        var from = new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 20, 0, 0, TimeSpan.Zero), Weekdays.Add(from, TimeSpan.FromHours(4), phoenix));
    }
}
