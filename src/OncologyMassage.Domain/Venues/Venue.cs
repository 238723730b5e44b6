namespace OncologyMassage.Domain.Venues;

/// <summary>
/// A place where sessions happen. Venues are data (seeded, stored in Table Storage), not code: type, time zone, where it
/// is (an address, or the area an in-home service covers), who coordinates it, its current consent document and the
/// weekly availability of each therapist.
/// </summary>
public sealed record Venue(
    string Id,
    string Name,
    VenueType Type,
    string TimeZone,
    string AddressOrServiceArea,
    string CoordinatorEmail,
    ConsentDocument Consent,
    IReadOnlyList<TherapistAvailability> Therapists)
{
    /// <summary>Length of one session slot at this venue.</summary>
    public TimeSpan SessionLength { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Who is told when a red flag stays unacknowledged past its clock (docs/clinical.md, "Escalation"): typically the
    /// clinical lead or manager on duty. Null only for venues stored before the field existed; they escalate to the
    /// coordinator again, and the timeline says no backup is on file.
    /// </summary>
    public VenueContact? BackupContact { get; init; }

    /// <summary>
    /// The number clients call about their booking (E.164), shown in booking confirmations, reminders, the calendar invite
    /// and the client pages. Null for venues stored before the field existed: those messages then name no number.
    /// </summary>
    public string? Phone { get; init; }

    /// <summary>
    /// How to find the place (entrance, parking, floor), plain text of at most <see cref="VenueValidator.DirectionsMaxLength"/>
    /// characters, shown next to the phone number. Venue data, never anything about a client (docs/calendar.md).
    /// </summary>
    public string? Directions { get; init; }

    /// <summary>In-home venues confirm the client's address before the first session.</summary>
    public bool ConfirmsClientAddress => Type == VenueType.InHome;
}

public enum VenueType
{
    SpaDayRetreat,
    InfusionCenter,
    HospitalBased,
    InHome,
    InOffice,
}

/// <summary>One therapist's weekly hours at a venue, in the venue's local time.</summary>
public sealed record TherapistAvailability(string TherapistId, string TherapistName, IReadOnlyList<WeeklyWindow> Windows);

/// <summary>A recurring weekly window, local to the venue's time zone (e.g. Tuesday 09:00–12:00).</summary>
public sealed record WeeklyWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>
/// A concrete bookable slot. <see cref="Id"/> is stable for the same therapist and start, so a booking of it can be
/// inserted once (a second insert conflicts: no double booking).
/// </summary>
public sealed record Slot(string VenueId, string TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    public string Id => $"{TherapistId}|{StartsAt.UtcDateTime:yyyyMMddTHHmmZ}";
}
