using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Screens what a client writes or ticks on a web form by the same red-flag rules as a text reply (docs/clinical.md,
/// "Red flags"), so that an answer on a page is never read later than the same words in an SMS.
/// <list type="bullet">
/// <item>
/// The intake's "how are you today" ticks and temperature are the DOMAIN.md red flags asked directly: chest pain,
/// breathlessness and fainting today, or 38 °C or more, are immediate; vomiting or not keeping fluids down is same day,
/// as are the acute signs asked in other sections (a sudden increase, redness or warmth of a swollen limb; calf pain,
/// swelling or warmth now; new bone or night pain; blisters or broken skin; redness, pain or warmth at a port or line;
/// the same at a drain, ostomy or tube is same-day "needs review").
/// The intake's own precaution rules also hold the plan for these; the screen is what gets a person to look today.
/// </item>
/// <item>
/// The intake's one narrative field (goals) and a withdrawal reason are free text, screened by
/// <see cref="RedFlagScreener"/>, including its "needs review" for a symptom it cannot grade.
/// </item>
/// </list>
/// Fields that name a diagnosis, medicine or procedure (cancer type, medications, surgeries) are not screened: they
/// describe the history the plan is built from, and words like "blood thinner" there are not a symptom report.
/// </summary>
public static class AnswerScreening
{
    /// <summary>The reasons this screen gives, in the vocabulary's words (a test keeps them equal to its rules).</summary>
    public static class Reasons
    {
        public const string ChestPain = "chest pain";
        public const string Breathlessness = "sudden breathlessness";
        public const string Fainting = "fainting";
        public const string Swelling = "new or increased swelling of a limb";
        public const string Calf = "one-sided calf pain, swelling, warmth or redness";
        public const string BonePain = "new bone, joint or night pain";
        public const string Skin = "blisters or broken skin";
        public const string PortSite = "redness or pain at a port or IV site";
        public const string Vomiting = RedFlagScreener.Vomiting;
    }

    private const double FeverCelsius = 38.0;
    private const double RaisedCelsius = 37.5;
    private const FindingSigns DeviceSiteSigns = FindingSigns.Redness | FindingSigns.Pain | FindingSigns.Warmth | FindingSigns.Swelling | FindingSigns.Discharge;

    /// <summary>Screens an intake: its "today" answers, the acute signs of other sections and its goals text.</summary>
    public static RedFlagResult ScreenIntake(Intake intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var matches = new List<RedFlagMatch>();
        var today = intake.Today;
        Add(matches, today.ChestPain, RedFlagLevel.Immediate, Reasons.ChestPain, "today: chest pain");
        Add(matches, today.Breathless, RedFlagLevel.Immediate, Reasons.Breathlessness, "today: short of breath");
        Add(matches, today.Fainting, RedFlagLevel.Immediate, Reasons.Fainting, "today: fainting");
        if (today.TemperatureCelsius is { } celsius)
        {
            var reading = FormattableString.Invariant($"today: temperature {celsius:0.0} °C");
            Add(matches, celsius >= FeverCelsius, RedFlagLevel.Immediate, RedFlagScreener.Fever, reading);
            Add(matches, celsius is >= RaisedCelsius and < FeverCelsius, RedFlagLevel.SameDay, RedFlagScreener.RaisedTemperature, reading);
        }

        Add(matches, today.Vomiting || today.CannotKeepFluidsDown, RedFlagLevel.SameDay, Reasons.Vomiting,
            today.CannotKeepFluidsDown ? "today: cannot keep fluids down" : "today: vomiting");
        Add(matches, intake.Lymphedema.Any(l => l.SuddenIncreaseRednessOrWarmth), RedFlagLevel.SameDay, Reasons.Swelling,
            "lymphedema: sudden increase, redness or warmth");
        Add(matches, intake.Clots.Any(c => c.CalfPainSwellingOrWarmthNow), RedFlagLevel.SameDay, Reasons.Calf, "clots: calf pain, swelling or warmth now");
        Add(matches, intake.Bone?.NewOrNightPain == true, RedFlagLevel.SameDay, Reasons.BonePain, "bone: new or night pain");
        Add(matches, intake.Skin is { } skin && (skin.Blisters || skin.OpenSkin || skin.Infected), RedFlagLevel.SameDay, Reasons.Skin,
            "skin: blisters, open or infected skin");
        var troubledSites = intake.Devices.Where(d => (d.SiteSigns & DeviceSiteSigns) != 0).ToArray();
        Add(matches, troubledSites.Any(d => d.Type is DeviceType.Port or DeviceType.Picc or DeviceType.CentralLine), RedFlagLevel.SameDay,
            Reasons.PortSite, "port or line: redness, pain, warmth, swelling or discharge at the site");
        Add(matches, troubledSites.Any(d => d.Type is not (DeviceType.Port or DeviceType.Picc or DeviceType.CentralLine)), RedFlagLevel.SameDay,
            RedFlagScreener.NeedsReview, "drain, ostomy or tube: redness, pain, warmth, swelling or discharge at the site");

        if (!string.IsNullOrWhiteSpace(intake.Goals))
        {
            matches.AddRange(RedFlagScreener.Screen(intake.Goals).Matches);
        }

        return Result(matches);
    }

    /// <summary>Screens a free-text answer given on a form (a withdrawal reason); empty text is clear.</summary>
    public static RedFlagResult ScreenText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? RedFlagResult.Clear : RedFlagScreener.Screen(text);

    private static void Add(List<RedFlagMatch> matches, bool present, RedFlagLevel level, string reason, string what)
    {
        if (present)
        {
            matches.Add(new RedFlagMatch(level, reason, what));
        }
    }

    private static RedFlagResult Result(List<RedFlagMatch> matches) =>
        matches.Count == 0 ? RedFlagResult.Clear : new RedFlagResult(matches.Max(m => m.Level), matches);
}
