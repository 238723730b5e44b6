using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Venues;

/// <summary>
/// The demo's venues, one of each <see cref="VenueType"/>: fictional places with example.org coordinators, US time zones,
/// two therapists each and the clinic's informed-consent document. The local host seeds them at start (only the ones
/// missing, so a venue changed in storage is kept); docs/samples/referral.json refers to <see cref="HarborInfusionCenter"/>.
/// </summary>
public static class DemoVenues
{
    public const string ConsentVersion = "2026-11";

    public const string HarborInfusionCenter = "harbor-infusion-center";
    public const string WillowSpaRetreat = "willow-spa-retreat";
    public const string StAnneHospital = "st-anne-hospital";
    public const string HomeVisitsNorth = "home-visits-north";
    public const string SaguaroStudio = "saguaro-massage-studio";

    /// <summary>
    /// What clients are told to find the venue, with its front-desk number (issue 17 item 4): plain text, and like every
    /// client message nothing clinical — the entrance and the floor, not the department. Declared before <see cref="All"/>:
    /// static fields initialise in text order.
    /// </summary>
    private static readonly Dictionary<string, (string Phone, string? Directions)> FrontDesks = new(StringComparer.Ordinal)
    {
        [HarborInfusionCenter] = ("+16175550123", "Enter from Harbor Street by the glass doors and take the east elevators to the 4th floor; the front desk is on your left. Visitor parking in the Atlantic Avenue garage."),
        [WillowSpaRetreat] = ("+13035550147", "Free parking behind the building; the entrance is the green door at the end of the garden path."),
        [StAnneHospital] = ("+13125550168", "Use the Lakeview Avenue entrance (Entrance B) and take elevator B to the 2nd floor; check in at the front desk. Patient parking in garage 2."),
        [HomeVisitsNorth] = ("+12065550181", null),
        [SaguaroStudio] = ("+16025550136", "Park in the visitor spaces facing Camelback Road; suite 12 is on the ground floor, on the courtyard side."),
    };

    public static IReadOnlyList<Venue> All { get; } =
    [
        Create(HarborInfusionCenter, "Harbor Infusion Center", VenueType.InfusionCenter, "America/New_York",
            "Infusion suite, 4th floor, 200 Harbor Street, Boston, MA 02110", 30,
            "Sessions take place in your infusion chair or bed while your treatment runs; the therapist works around your IV line and port and stops whenever the nursing staff need access.",
            Therapist("maya-chen", "Maya Chen", Days(9, 15, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday)),
            Therapist("luis-ortega", "Luis Ortega", Days(10, 16, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday))),
        Create(WillowSpaRetreat, "Willow Spa Day Retreat", VenueType.SpaDayRetreat, "America/Denver",
            "18 Willow Lane, Boulder, CO 80302", 60,
            "Sessions take place in a private treatment room at the retreat. Products are fragrance-free unless you ask otherwise, and heat (hot stones, sauna, heated table) is used only where your plan allows it.",
            Therapist("grace-okafor", "Grace Okafor", Days(10, 16, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Saturday)),
            Therapist("ben-hollis", "Ben Hollis", Days(9, 13, DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Saturday))),
        Create(StAnneHospital, "St. Anne Hospital Integrative Oncology Program", VenueType.HospitalBased, "America/Chicago",
            "St. Anne Hospital Cancer Center, 2nd floor, 1200 Lakeview Avenue, Chicago, IL 60614", 45,
            "Sessions take place in the integrative oncology suite or at your bedside if you are an inpatient, with your care team's agreement.",
            Therapist("priya-raman", "Priya Raman", Days(8, 14, DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday)),
            Therapist("tom-becker", "Tom Becker", Days(12, 18, DayOfWeek.Tuesday, DayOfWeek.Thursday))),
        Create(HomeVisitsNorth, "Home Visits North", VenueType.InHome, "America/Los_Angeles",
            "Service area: north Seattle, WA (ZIP codes 98103, 98105, 98107, 98115, 98117, 98125, 98133)", 60,
            "Sessions take place in your home, at the address you confirm before the first visit. The therapist brings a table or works with you in a bed or chair; please keep a clear, warm space and pets in another room.",
            Therapist("hannah-lee", "Hannah Lee", Days(9, 15, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday)),
            Therapist("omar-haddad", "Omar Haddad", Days(13, 19, DayOfWeek.Wednesday, DayOfWeek.Friday))),
        Create(SaguaroStudio, "Saguaro Oncology Massage Studio", VenueType.InOffice, "America/Phoenix",
            "Suite 12, 455 East Camelback Road, Phoenix, AZ 85012", 60,
            "Sessions take place in the therapist's private office, on a table with bolsters and a face cradle, or seated if lying down is uncomfortable.",
            Therapist("elena-vasquez", "Elena Vasquez", Days(9, 17, DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday)),
            Therapist("sam-whitehorse", "Sam Whitehorse", Days(11, 17, DayOfWeek.Tuesday, DayOfWeek.Thursday))),
    ];

    /// <summary>Adds each demo venue that the store does not have yet. Idempotent; never overwrites a venue.</summary>
    public static async Task SeedAsync(IVenueStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var venue in All)
        {
            if (await store.GetAsync(venue.Id, cancellationToken) is null)
            {
                await store.UpsertAsync(venue, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The informed-consent document (DOMAIN.md, "Informed consent"): purpose; not medical care, no diagnosis; session
    /// length and count; the named risks; the duty to disclose; the right to stop. The setting paragraph is the venue's own.
    /// </summary>
    public static ConsentDocument Consent(string venueName, int sessionMinutes, string setting) => new(
        ConsentVersion,
        $"Informed consent for oncology massage and skin care at {venueName}",
        $"""
        Informed consent for oncology massage and oncology skin care
        {venueName} - document version {ConsentVersion}

        1. Purpose. Oncology massage and oncology skin care are offered for comfort and relaxation. They may help ease pain, anxiety, fatigue and nausea. They do not treat cancer or any other disease.

        2. Not medical care. Your therapist does not diagnose any condition, prescribe, or give medical advice. These sessions are not a substitute for medical care and do not replace the care of your oncology team or your other doctors. Keep all your medical appointments and follow your care team's advice.

        3. Sessions. Each session lasts up to {sessionMinutes} minutes, including time to settle and to get up slowly. You will be offered as many sessions as your referring physician has authorised. Every session is adapted to the release your physician signed, to your intake evaluation and to how you are on the day; pressure, the areas worked and your position may change from one session to the next.

        4. Setting. {setting}

        5. Risks. Even gentle, adapted massage and skin care carry some risk. The known risks include:
           - bruising, especially with low platelets or blood thinners;
           - lymphedema, a lasting swelling of an arm, leg or other area, especially where lymph nodes were removed or irradiated;
           - fracture of a bone weakened by cancer or its treatment;
           - dislodging a blood clot, which can travel to the lungs;
           - skin injury, such as irritation, tearing or infection of fragile, irradiated or broken skin;
           - fatigue or flu-like tiredness for a day or two afterwards;
           - dizziness or light-headedness, especially when you sit or stand up after the session.
           Your therapist lowers these risks by limiting pressure, avoiding affected sites, choosing your position and working more gently than in an ordinary massage. Tell your therapist at once if anything hurts or feels wrong.

        6. Your duty to tell us. Before every session, tell your therapist about any change in your health, your condition or your treatment since the last visit: new diagnoses, surgery, devices such as a port or drain, radiation, blood clots, fever, new pain, swelling, bruising or skin changes, and any change in your medications, including blood thinners. Tell your care team about any reaction after a session.

        7. Your right to stop. You may ask the therapist to change or stop the session at any time, for any reason. You may also withdraw this consent at any time without giving a reason; this does not affect your medical care.

        8. Signature. By signing, you confirm that you have read this document (version {ConsentVersion}), that you had the chance to ask questions and that your questions were answered, and that you agree to receive sessions on these terms. Your signature, the date and this version are kept with your record.
        """);

    private static Venue Create(string id, string name, VenueType type, string timeZone, string where, int sessionMinutes, string setting,
        params TherapistAvailability[] therapists) =>
        new(id, name, type, timeZone, where, $"coordinator.{id}@example.org", Consent(name, sessionMinutes, setting), therapists)
        {
            SessionLength = TimeSpan.FromMinutes(sessionMinutes),
            BackupContact = new VenueContact($"Clinical lead, {name}", $"backup.{id}@example.org", "+16175550199"),
            Phone = FrontDesks[id].Phone,
            Directions = FrontDesks[id].Directions,
        };

    private static TherapistAvailability Therapist(string id, string name, IReadOnlyList<WeeklyWindow> windows) => new(id, name, windows);

    private static WeeklyWindow[] Days(int fromHour, int toHour, params DayOfWeek[] days) =>
        [.. days.Select(d => new WeeklyWindow(d, new TimeOnly(fromHour, 0), new TimeOnly(toHour, 0)))];
}
