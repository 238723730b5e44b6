using OncologyMassage.Domain.Venues;

namespace OncologyMassage.Domain.Tests.Venues;

/// <summary>Venue test data: an infusion center in New York with two therapists.</summary>
internal static class Venues
{
    public static readonly ConsentDocument Consent = new("2026-11", "Informed consent for oncology massage", "Purpose, risks, your right to stop at any time.");

    public static Venue Create(params TherapistAvailability[] therapists) => new(
        "harbor-infusion-center", "Harbor Infusion Center", VenueType.InfusionCenter, "America/New_York",
        "1 Harbor Way, Boston, MA 02110", "coordinator@example.org", Consent,
        therapists.Length > 0 ? therapists : [Therapist("maya", new WeeklyWindow(DayOfWeek.Monday, new(9, 0), new(12, 0)))]);

    public static TherapistAvailability Therapist(string id, params WeeklyWindow[] windows) => new(id, id.ToUpperInvariant(), windows);

    public static WeeklyWindow Window(DayOfWeek day, int fromHour, int toHour) => new(day, new TimeOnly(fromHour, 0), new TimeOnly(toHour, 0));

    /// <summary>Every weekday, 09:00–17:00 local.</summary>
    public static WeeklyWindow[] Weekdays() =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => Window(d, 9, 17))];

    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, NewYork).DateTime;
}
