using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Screens a free-text reply (SMS or web) for DOMAIN.md's red flags. Errs towards alerting: a false alarm costs a phone
/// call, a missed one costs harm. Handles negation within a clause ("no swelling", "didn't faint"), resolution
/// ("the swelling went down"), common misspellings and plain words ("arm puffy", "hot red calf", "can't breathe").
/// </summary>
public static class RedFlagScreener
{
    // Interpreted: replies are short, and compiling ~20 patterns costs more at start-up than it saves.
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const string Pain = @"(?:pain\w*|hurt\w*|sore|ache\w*|aching|achy)";
    private const string Words = @"(?:[\w']+\s+)";

    /// <summary>Reason of the flag that lowers the next plan (DOMAIN.md: "the next plan is lowered").</summary>
    public const string FluLikeOrSevereFatigue = "flu-like illness or severe fatigue after the session";

    /// <summary>Reason of the vomiting flag.</summary>
    public const string Vomiting = "vomiting";

    /// <summary>The rules, one per DOMAIN.md red flag, most urgent first.</summary>
    public static IReadOnlyList<RedFlagRule> Rules { get; } =
    [
        Rule(RedFlagLevel.Immediate, "sudden breathlessness",
            @"short(?:ness)?\s+of\s+breath\w*|out\s+of\s+breath|breathless\w*|gasp\w*"
            + @"|(?:can't|cannot|can\s+not|couldn't|unable\s+to|struggl\w*\s+to|hard\s+to|difficult\s+to|trouble|difficulty|problems?)\s+(?:to\s+)?(?:breath\w*|catch\s+(?:my\s+)?breath|get\s+(?:my\s+)?breath|get\s+air)"
            + @"|breath\w*\s+(?:is\s+|was\s+)?(?:a\s+)?(?:hard|difficult|laboured|labored|shallow|bad|struggle|effort)"),
        Rule(RedFlagLevel.Immediate, "chest pain",
            @"chest\s+(?:pain\w*|hurt\w*|ache\w*|aching|tight\w*|pressure|discomfort|feels?\s+(?:tight|heavy))"
            + @"|(?:pain\w*|ache\w*)\s+(?:in|on|across)\s+(?:my\s+|the\s+|her\s+|his\s+)?chest"
            + @"|(?:tight\w*|heavy|heaviness|crushing|pressure|squeez\w*)\s+" + Words + @"{0,2}(?:in\s+|on\s+)?(?:my\s+|the\s+)?chest"),
        Rule(RedFlagLevel.Immediate, "coughing blood",
            @"cough\w*\s+(?:up\s+)?(?:with\s+)?(?:some\s+|a\s+little\s+|a\s+bit\s+of\s+|bright\s+red\s+)?blood|blood\s+" + Words + @"{0,3}cough\w*"
            + @"|blood\s+in\s+(?:my\s+)?(?:sputum|phlegm|spit|mucus)|spit\w*\s+(?:up\s+)?blood|ha?emoptysis"),
        Rule(RedFlagLevel.Immediate, "fever (38 °C or more) during chemotherapy",
            @"\bfe+ver\w*|\bfebrile|high\s+temp\w*|running\s+a\s+temp\w*|temp\w*\s+(?:is\s+)?(?:high|up)\b"),
        Rule(RedFlagLevel.Immediate, "bleeding that will not stop",
            @"(?:bleed\w*|blood)\s+" + Words + @"{0,6}?(?:won't|will\s+not|doesn't|does\s+not|didn't|isn't|not|can't|cannot|hasn't)\s+stop\w*"
            + @"|(?:can't|cannot|couldn't)\s+stop\s+(?:the\s+)?(?:bleed\w*|blood)|bleed\w*\s+(?:heavily|a\s+lot|badly|profusely|non-?stop|everywhere)"
            + @"|(?:heavy|heavily|gushing|pouring|lots\s+of|a\s+lot\s+of)\s+(?:\w+\s+)?(?:bleed\w*|blood)|pool\s+of\s+blood|soaked\s+(?:in|with)\s+blood|blood\s+everywhere"),
        Rule(RedFlagLevel.Immediate, "fainting",
            @"\bfaint(?:ed|ing|ness)?\b(?!\s+(?:smell|scent|line|mark|trace|hint|sound|light|glow|taste))|\bpass(?:ed|ing)?\s+out|\bblack(?:ed)?\s+out|blackout|collaps\w*|lost\s+consciousness|keel\w*\s+over"),
        Rule(RedFlagLevel.Immediate, "confusion",
            @"(?>confus\w*)(?!\s+(?:about|by|with|over|as\s+to|regarding|on))|disorient\w*|delirious|not\s+making\s+sense|can't\s+think\s+straight"
            + @"|(?:doesn't|don't|didn't|does\s+not|do\s+not)\s+know\s+where\s+(?:she|he|i|they)\s+(?:is|am|are|was)"),
        Rule(RedFlagLevel.Immediate, "seizure",
            @"seiz\w*|siez\w*|convuls\w*|(?:had|having|has)\s+(?:a\s+)?fits?\b"),

        Rule(RedFlagLevel.SameDay, "new or increased swelling of a limb",
            @"swell\w*|swoll\w*|puff(?:y|ed|ier|iness|ing)|\boedema|\bedema|lymph(?:o)?edema\s+" + Words + @"{0,2}(?:worse|flar\w*|up|bad)"
            + @"|(?:arm|hand|leg|limb|finger|ankle|foot|feet|wrist)s?\s+" + Words + @"{0,2}(?:bigger|larger|fatter|heavy|heavier|tight\w*)"
            + @"|(?:sleeve|ring)s?\s+" + Words + @"{0,2}tight\w*"),
        Rule(RedFlagLevel.SameDay, "one-sided calf pain, swelling, warmth or redness",
            @"(?:calf|calves)\b(?:\s+[\w']+){0,4}?\s+(?:" + Pain + @"|red\w*|warm\w*|hot|swell\w*|swoll\w*|tender|tight|cramp\w*)"
            + @"|(?:" + Pain + @"|red|warm|hot|swell\w*|swoll\w*|tender|tight|cramp\w*)\s+" + Words + @"{0,4}?(?:calf|calves)\b"
            + @"|(?:leg|thigh)s?\s+" + Words + @"{0,3}(?:hot|warm|red)\b|(?:hot|warm|red)\s+(?:and\s+\w+\s+)?(?:leg|thigh)s?\b"),
        Rule(RedFlagLevel.SameDay, "new bone, joint or night pain",
            @"bones?\s+" + Pain + @"|" + Pain + @"\s+" + Words + @"{0,3}(?:bones?|joints?|hips?|ribs?|spine|knees?|shoulders?)\b"
            + @"|(?:joints?|hips?|ribs?|spine|knees?|shoulders?|back)\s+" + Words + @"{0,2}" + Pain
            + @"|" + Pain + @"\s+" + Words + @"{0,4}at\s+night|night\s+pain\w*|\bnew\s+pain"
            + @"|(?:back|hips?|ribs?|legs?|bones?|joints?|knees?|shoulders?|spine)\s+(?:is\s+|are\s+)?killing\s+me"),
        Rule(RedFlagLevel.SameDay, "new bruising",
            @"bruis\w*|black\s+and\s+blue"),
        Rule(RedFlagLevel.SameDay, "blisters or broken skin",
            @"blister\w*|skin\s+" + Words + @"{0,2}(?:broken|broke|cracked|cracking|split|raw|weeping|peeling|open|bleeding)"
            + @"|(?:broken|cracked|raw|weeping|peeling)\s+" + Words + @"{0,2}(?:skin|sores?|wounds?)|open\s+(?:sores?|wounds?)|weeping|oozing"),
        Rule(RedFlagLevel.SameDay, "redness or pain at a port or IV site",
            @"\b(?:port|picc|iv|line|cannula|drip)\b(?:\s+[\w']+){0,4}?\s+(?:red\w*|sore|hurt\w*|pain\w*|swell\w*|swoll\w*|ooz\w*|leak\w*|pus|discharge|warm|hot|tender|itch\w*|infected)"
            + @"|(?:red\w*|sore\w*|pain\w*|swell\w*|swoll\w*|pus|discharge|tender\w*|ooz\w*)\s+" + Words + @"{0,4}?(?:port|picc|iv|line|cannula|drip)\b"),
        Rule(RedFlagLevel.SameDay, "a reaction lasting more than a day",
            @"still\s+" + Words + @"{0,2}(?:sore|hurt\w*|aching|achy|red|swollen|itchy|there|painful|bruised|tender|stiff)"
            + @"|(?:hasn't|has\s+not|haven't|won't|not)\s+(?:gone|go)\s+away|(?:for|after|over|been)\s+(?:\d+|two|three|four|several|a\s+few|few)\s+days"
            + @"|been\s+days|days\s+later|\brash\w*|hives|itch\w*\s+(?:all\s+over|everywhere)"),
        Rule(RedFlagLevel.SameDay, Vomiting,
            @"vomit\w*|threw\s+up|throw\w*\s+up|chuck\w*\s+up|puk\w*|spew\w*|(?:been|being)\s+sick|retch\w*|dry\s+heav\w*|(?:can't|cannot|couldn't)\s+keep\s+" + Words + @"{0,2}down"),
        Rule(RedFlagLevel.SameDay, FluLikeOrSevereFatigue,
            @"\bflu\b|flu-like|fluish|coming\s+down\s+with|(?:can't|cannot)\s+stop\s+shak\w*|shak\w*\s+(?:all\s+over|uncontrollably|badly)|rigou?rs|ach\w*\s+(?:all\s+over|everywhere)|body\s+ache\w*|\bchills|shiver\w*|exhausted|wiped\s+out|knocked\s+out|\bdrained|\bachy"
            + @"|(?:can't|couldn't|cannot)\s+get\s+out\s+of\s+bed|severe(?:ly)?\s+(?:fatigue|tired\w*)"
            + @"|(?:so|too)\s+(?:tired|weak|exhausted|drained)\s+(?:that\s+)?(?:i|she|he)\s+(?:can't|cannot|couldn't)|can't\s+(?:function|stand\s+up)"
            + @"|(?:extremely|completely|totally|incredibly)\s+(?:tired|drained|exhausted|wiped|weak)|feel\w*\s+(?:awful|terrible|horrible|dreadful)"),
    ];

    private static readonly Regex ClauseBreak = new(@"[.!?;\n]+(?!\d)|,(?!\d)|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bexcept\b", Options, Timeout);
    private static readonly Regex Word = new(@"[\w']+", Options, Timeout);
    private static readonly Regex Temperature = new(@"(?<![\w.])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?|deg)?\s*([cf])?(?![\w.])", Options, Timeout);
    private static readonly Regex TemperatureContext = new(@"temp\w*|fe+ver\w*|thermometer|°|º|degrees?", Options, Timeout);
    private static readonly Regex Resolved = new(@"^\s*(?:[\w']+\s+){0,3}?(?:went\s+down|gone\s+down|has\s+gone|is\s+gone|went\s+away|gone\s+away|resolved|subsided|cleared\s+up|disappeared)", Options, Timeout);

    private static readonly FrozenSet<string> NegationCues = new[]
    {
        "no", "not", "never", "without", "none", "nor", "denies", "deny", "zero", "didn't", "don't", "doesn't", "haven't",
        "hasn't", "hadn't", "isn't", "wasn't", "aren't", "weren't", "can't", "cannot", "couldn't", "free",
    }.ToFrozenSet(StringComparer.Ordinal);

    // A cue followed by one of these is not a negation: "can't stop throwing up", "not much swelling", "not sure if it's swollen".
    private static readonly FrozenSet<string> NotNegating = new[]
    {
        "stop", "help", "keep", "seem", "tell", "sure", "much", "too", "only", "just", "quite", "certain", "really",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Negation does not reach across these: "no fever and my arm is swollen".
    private static readonly FrozenSet<string> ScopeBreaks = new[] { "and", "then", "now", "also", "so", "because", "since", "yet" }
        .ToFrozenSet(StringComparer.Ordinal);

    private const int NegationWindow = 5;

    /// <summary>Screens one reply. Null or blank text is not flagged; a reply that cannot be screened in time is flagged same-day.</summary>
    public static RedFlagResult Screen(string reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return RedFlagResult.Clear;
        }

        try
        {
            return ScreenText(reply);
        }
        catch (RegexMatchTimeoutException)
        {
            return new RedFlagResult(RedFlagLevel.SameDay, [new RedFlagMatch(RedFlagLevel.SameDay, "reply could not be screened automatically: read it", string.Empty)]);
        }
    }

    private static RedFlagResult ScreenText(string reply)
    {
        var text = Normalize(reply);
        var matches = new List<RedFlagMatch>();
        foreach (var clause in ClauseBreak.Split(text))
        {
            if (string.IsNullOrWhiteSpace(clause))
            {
                continue;
            }

            foreach (var rule in Rules)
            {
                foreach (Match match in rule.Pattern.Matches(clause))
                {
                    if (!IsNegated(clause, match.Index) && !IsResolved(clause[(match.Index + match.Length)..]))
                    {
                        matches.Add(new RedFlagMatch(rule.Level, rule.Reason, match.Value.Trim()));
                        break;
                    }
                }
            }

            if (FeverByNumber(clause) is { } reading && !IsNegated(clause, clause.IndexOf(reading, StringComparison.Ordinal)))
            {
                matches.Add(new RedFlagMatch(RedFlagLevel.Immediate, "fever (38 °C or more) during chemotherapy", reading));
            }
        }

        if (matches.Count == 0)
        {
            return RedFlagResult.Clear;
        }

        var distinct = matches.DistinctBy(m => (m.Level, m.Reason)).OrderByDescending(m => m.Level).ToArray();
        return new RedFlagResult(distinct[0].Level, distinct);
    }

    private static string Normalize(string reply)
    {
        var text = reply.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'');
        return Word.Replace(text, m => Spelling.Correct(m.Value));
    }

    /// <summary>True when the words right after a match say it went away ("the swelling went down"), unless negated ("hasn't gone down").</summary>
    private static bool IsResolved(string after) =>
        Resolved.Match(after) is { Success: true } resolved
        && !Word.Matches(resolved.Value).Any(w => NegationCues.Contains(w.Value) || w.Value.EndsWith("n't", StringComparison.Ordinal));

    /// <summary>True when a negation cue stands within a few words before <paramref name="index"/> in the same clause.</summary>
    private static bool IsNegated(string clause, int index)
    {
        var before = Word.Matches(clause[..Math.Max(0, index)]).Select(m => m.Value).ToArray();
        var next = Word.Match(clause[Math.Max(0, index)..]).Value;
        for (var i = before.Length - 1; i >= 0 && i >= before.Length - NegationWindow; i--)
        {
            var word = before[i];
            if (ScopeBreaks.Contains(word))
            {
                return false;
            }

            if (NegationCues.Contains(word))
            {
                var following = i + 1 < before.Length ? before[i + 1] : next;
                return !NotNegating.Contains(following);
            }
        }

        return false;
    }

    /// <summary>A temperature of 38 °C or more (100.4 °F or more) written as a number, e.g. "temp 38.2", "101F", "38.6 this evening".</summary>
    private static string? FeverByNumber(string clause)
    {
        var context = TemperatureContext.IsMatch(clause);
        foreach (Match match in Temperature.Matches(clause))
        {
            var number = match.Groups[1].Value.Replace(',', '.');
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var unit = match.Groups[3].Value;
            var hasDecimal = number.Contains('.', StringComparison.Ordinal);
            var looksLikeTemperature = context || match.Groups[2].Success || unit.Length > 0 || (hasDecimal && value is >= 35 and <= 43);
            if (!looksLikeTemperature)
            {
                continue;
            }

            var fever = unit == "f" ? value is >= 100.4 and <= 110
                : unit == "c" ? value is >= 38 and <= 43
                : value is (>= 38 and <= 43) or (>= 100.4 and <= 110);
            if (fever)
            {
                return match.Value.Trim();
            }
        }

        return null;
    }

    private static RedFlagRule Rule(RedFlagLevel level, string reason, string pattern) =>
        new(level, reason, new Regex(pattern, Options, Timeout));
}
