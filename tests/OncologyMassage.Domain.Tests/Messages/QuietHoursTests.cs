using OncologyMassage.Domain.Messages;

namespace OncologyMassage.Domain.Tests.Messages;

public sealed class QuietHoursTests
{
    private static readonly TimeSpan Nine = TimeSpan.FromHours(21);
    private static readonly TimeSpan Eight = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("2026-11-25T15:00:00Z", "2026-11-25T15:00:00Z")] // 10:00 in New York: allowed
    [InlineData("2026-11-26T03:00:00Z", "2026-11-26T13:00:00Z")] // 22:00 local: wait for 08:00 (EST, UTC-5)
    [InlineData("2026-11-26T12:59:00Z", "2026-11-26T13:00:00Z")] // 07:59 local
    [InlineData("2026-11-26T02:00:00Z", "2026-11-26T13:00:00Z")] // 21:00 local: quiet starts inclusive
    [InlineData("2026-11-26T13:00:00Z", "2026-11-26T13:00:00Z")] // 08:00 local: allowed again
    public void NextAllowed_NewYorkDefaultWindow_DefersToEightLocal(string now, string expected)
    {
        var next = QuietHours.NextAllowed(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), "America/New_York", Nine, Eight);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void NextAllowed_NightBeforeSpringForward_UsesTheNewOffset()
    {
        // 2027-03-14: New York moves from UTC-5 to UTC-4 at 02:00. 23:00 EST on the 13th -> 08:00 EDT on the 14th = 12:00Z.
        var next = QuietHours.NextAllowed(new DateTimeOffset(2027, 3, 14, 4, 0, 0, TimeSpan.Zero), "America/New_York", Nine, Eight);

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 12, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAllowed_WindowNotWrappingMidnight_DefersToItsEnd()
    {
        var next = QuietHours.NextAllowed(new DateTimeOffset(2026, 11, 25, 13, 30, 0, TimeSpan.Zero), "UTC", TimeSpan.FromHours(13), TimeSpan.FromHours(14));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAllowed_StartEqualsEnd_NeverDefers()
    {
        var now = new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal(now, QuietHours.NextAllowed(now, "America/New_York", Eight, Eight));
    }

    [Fact]
    public void NextAllowed_UnknownTimeZone_TreatsItAsUtc()
    {
        var next = QuietHours.NextAllowed(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero), "Mars/Olympus", Nine, Eight);

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), next);
    }
}
