namespace OncologyMassage.Pages.Plans;

/// <summary>The words of the plan view and the therapist's plan page.</summary>
internal static class PlanStrings
{
    public static string Heading(string service) => $"Adaptation plan ({service})";

    public const string DoNotSchedule = "Do not schedule: needs MD input first.";
    public const string AllowedPositions = "Allowed positions: ";
    public const string PageTitle = "Adaptation plan";

    public static string PageHeading(string givenName, string familyName) => $"Adaptation plan for {givenName} {familyName}";

    public const string ComputedFrom = "Computed from: ";

    public static string Version(int version, DateTimeOffset createdAt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (version {version}, {createdAt:yyyy-MM-dd HH:mm} UTC");

    public static string HoldsAnsweredBy(string by) => $"; holds answered by {by}";
}
