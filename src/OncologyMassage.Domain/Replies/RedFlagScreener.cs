using System.Globalization;
using System.Text.RegularExpressions;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Screens a free-text reply (SMS, web answer or recorded reaction) for DOMAIN.md's red flags and errs towards
/// alerting: a false alarm costs a phone call, a missed one costs harm. The words it knows live in one reviewable file,
/// Vocabulary/red-flag-vocabulary.json (PRO-CTCAE terms, lay synonyms, paraphrases, abbreviations, misspellings, each
/// with its source). On top of the words it reads temperatures with or without units (38.4, 101 F, 100.2°F), 0–10
/// ratings of 7 or more, negation within a clause ("no fever", "not short of breath") and resolution ("the swelling
/// went down"). Free text naming a symptom it cannot grade is a same-day "needs review", never none.
/// </summary>
public static partial class RedFlagScreener
{
    /// <summary>Reason of the flag that lowers the next plan (DOMAIN.md: "the next plan is lowered").</summary>
    public const string FluLikeOrSevereFatigue = "flu-like illness or severe fatigue after the session";

    /// <summary>Reason of the vomiting flag.</summary>
    public const string Vomiting = "vomiting";

    /// <summary>Reason of a fever, by word or by a temperature of 38.0 °C / 100.4 °F or more.</summary>
    public const string Fever = "fever (38 °C or more) during chemotherapy";

    /// <summary>Reason of a temperature between the review line (37.5 °C / 99.5 °F) and the fever line.</summary>
    public const string RaisedTemperature = "raised temperature below 38 °C: needs review";

    /// <summary>Reason of a 0–10 rating of 7 or more (other than tiredness, which is severe fatigue).</summary>
    public const string SevereRating = "a severe 0–10 rating (7 or more): needs review";

    private static readonly RedFlagVocabulary Vocabulary = RedFlagVocabulary.Instance;

    /// <summary>The languages whose words the screener knows (every reply is screened with all of them).</summary>
    public static IReadOnlyList<string> Languages => RedFlagVocabulary.All.Select(v => v.Language).ToArray();

    /// <summary>Reason of free text that names a symptom the screener cannot grade (same day, a person reads it).</summary>
    public static string NeedsReview => Vocabulary.File.NeedsReview.Reason;

    /// <summary>The rules, one per DOMAIN.md red flag, most urgent first, compiled from the vocabulary file.</summary>
    public static IReadOnlyList<RedFlagRule> Rules => Vocabulary.Rules;

    /// <summary>Screens one reply. Null or blank text is not flagged; a reply that cannot be screened in time is flagged same-day.</summary>
    public static RedFlagResult Screen(string reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return RedFlagResult.Clear;
        }

        try
        {
            return ScreenAll(reply);
        }
        catch (RegexMatchTimeoutException)
        {
            return new RedFlagResult(RedFlagLevel.SameDay, [new RedFlagMatch(RedFlagLevel.SameDay, "reply could not be screened automatically: read it", string.Empty)]);
        }
    }

    /// <summary>
    /// Every vocabulary screens the reply on its own (English, then each further language: people mix languages, and a
    /// Spanish word in an English client's reply still counts); the flags add up and the highest level wins.
    /// </summary>
    private static RedFlagResult ScreenAll(string reply)
    {
        var matches = new List<RedFlagMatch>();
        foreach (var vocabulary in RedFlagVocabulary.All)
        {
            ScreenText(reply, vocabulary, matches);
        }

        matches.AddRange(SevereRatings(reply));
        if (matches.Count == 0)
        {
            return RedFlagResult.Clear;
        }

        var distinct = matches.DistinctBy(m => (m.Level, m.Reason)).OrderByDescending(m => m.Level).ToArray();
        return new RedFlagResult(distinct[0].Level, distinct);
    }

    private static void ScreenText(string reply, RedFlagVocabulary vocabulary, List<RedFlagMatch> matches)
    {
        var text = Normalize(reply, vocabulary);
        var clauses = (vocabulary.ClauseBreak ?? ClauseBreak()).Split(text).Where(c => !string.IsNullOrWhiteSpace(c)).ToArray();
        var unflagged = new string[clauses.Length];
        for (var i = 0; i < clauses.Length; i++)
        {
            unflagged[i] = ScreenClause(clauses[i], vocabulary, matches);
        }

        matches.AddRange(Temperatures(text, vocabulary));
        matches.AddRange(SymptomsToReview(unflagged, vocabulary));
    }

    /// <summary>Adds the clause's graded red flags; returns the clause with the matched words blanked, for the review pass.</summary>
    private static string ScreenClause(string clause, RedFlagVocabulary vocabulary, List<RedFlagMatch> matches)
    {
        var blanked = clause.ToCharArray();
        foreach (var rule in vocabulary.Rules)
        {
            foreach (Match match in rule.Pattern.Matches(clause))
            {
                var end = match.Index + match.Length;
                if (IsNegated(clause, match.Index, end, vocabulary) || IsResolvedRightAfter(clause[end..], vocabulary) || (rule.ResolvedAnywhereInClause && (IsResolvedInClause(clause, vocabulary) || IsImprovement(clause.Remove(match.Index, match.Length), vocabulary))))
                {
                    continue;
                }

                matches.Add(new RedFlagMatch(rule.Level, rule.Reason, match.Value.Trim()));
                Array.Fill(blanked, ' ', match.Index, match.Length);
                break;
            }
        }

        return new string(blanked);
    }

    /// <summary>
    /// Symptoms the rules cannot grade (PRO-CTCAE terms such as dizziness, diarrhoea, numbness, pain on its own): same-day
    /// review unless negated, followed by a normal state ("breathing fine"), a 0–10 rating ("pain 2"), or said to be better.
    /// </summary>
    private static IEnumerable<RedFlagMatch> SymptomsToReview(string[] clauses, RedFlagVocabulary vocabulary)
    {
        for (var i = 0; i < clauses.Length; i++)
        {
            var clause = clauses[i];
            foreach (var (_, pattern) in vocabulary.Review)
            {
                foreach (Match match in pattern.Matches(clause))
                {
                    var end = match.Index + match.Length;
                    var rest = clause.Remove(match.Index, match.Length);
                    var better = IsImprovementInAnyLanguage(rest) || (i + 1 < clauses.Length && IsImprovementInAnyLanguage(clauses[i + 1]));
                    if (IsNegated(clause, match.Index, end, vocabulary) || IsRating(clause, match.Index, end) || better
                        || vocabulary.StateRightAfter.IsMatch(clause[end..]) || IsResolvedRightAfter(clause[end..], vocabulary))
                    {
                        continue;
                    }

                    yield return new RedFlagMatch(vocabulary.File.NeedsReview.Level, NeedsReview, match.Value.Trim());
                    break;
                }
            }
        }
    }

    private static string Normalize(string reply, RedFlagVocabulary vocabulary)
    {
        var text = vocabulary.Fold(reply.ToLowerInvariant()).Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'');
        text = vocabulary.Abbreviation.Replace(text, m => vocabulary.AbbreviationMeanings[m.Value]);
        text = Hyphen().Replace(text, " ");
        return Word().Replace(text, m => vocabulary.Spelling.Correct(m.Value));
    }

    /// <summary>True when the words right after a match say it went away ("the swelling went down"), unless negated ("hasn't gone down").</summary>
    private static bool IsResolvedRightAfter(string after, RedFlagVocabulary vocabulary) =>
        vocabulary.ResolvedRightAfter.Match(after) is { Success: true } resolved
        && !Word().Matches(resolved.Value).Any(w => vocabulary.NegationBefore.Contains(w.Value) || w.Value.EndsWith("n't", StringComparison.Ordinal));

    /// <summary>True when the clause says something went away, and not "hasn't gone down".</summary>
    private static bool IsResolvedInClause(string clause, RedFlagVocabulary vocabulary) =>
        vocabulary.Resolved.Matches(clause).Any(m => !Word().Matches(clause[..m.Index]).TakeLast(2).Any(w => vocabulary.NegationBefore.Contains(w.Value) || w.Value.EndsWith("n't", StringComparison.Ordinal))
            && !Word().Matches(m.Value).Any(w => w.Value.EndsWith("n't", StringComparison.Ordinal)));

    /// <summary>
    /// True when the text says, in any of the screener's languages, that something got better ("nausea much better", "las
    /// náuseas ya se fueron"): people mix languages, and a review symptom one file knows may be said to be better in another's words.
    /// </summary>
    private static bool IsImprovementInAnyLanguage(string text) => RedFlagVocabulary.All.Any(v => IsImprovement(v.Fold(text), v));

    /// <summary>True when the text says something got better or went away, and not "not better".</summary>
    private static bool IsImprovement(string text, RedFlagVocabulary vocabulary)
    {
        foreach (Match match in vocabulary.Improvement.Matches(text))
        {
            var before = Word().Matches(text[..match.Index]).Select(w => w.Value).TakeLast(2);
            if (!before.Any(w => w is "not" or "no" or "never" || w.EndsWith("n't", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a negation cue stands within a few words before the match in the same clause ("no fever"), or right after it ("pain free").</summary>
    private static bool IsNegated(string clause, int start, int end, RedFlagVocabulary vocabulary)
    {
        var after = Word().Match(clause[end..]);
        if (after.Success && after.Index <= 2 && vocabulary.NegationAfter.Contains(after.Value))
        {
            return true;
        }

        var before = Word().Matches(clause[..start]).Select(m => m.Value).ToArray();
        var first = Word().Match(clause[start..]).Value;
        for (var i = before.Length - 1; i >= 0 && i >= before.Length - vocabulary.File.Negation.WindowWords; i--)
        {
            var word = before[i];
            if (vocabulary.ScopeBreaks.Contains(word))
            {
                return false;
            }

            if (vocabulary.NegationBefore.Contains(word))
            {
                var following = i + 1 < before.Length ? before[i + 1] : first;
                return !vocabulary.NotNegating.Contains(following);
            }
        }

        return false;
    }

    /// <summary>True when a symptom word is part of a 0–10 rating ("pain 2", "2/10 pain"); ratings are graded by <see cref="SevereRatings"/>.</summary>
    private static bool IsRating(string clause, int start, int end) =>
        RatingAfter().IsMatch(clause[end..]) || RatingBefore().IsMatch(clause[..start]);

    /// <summary>Temperatures written as numbers: 38.0 °C / 100.4 °F or more is a fever, from 37.5 °C / 99.5 °F a review.</summary>
    private static IEnumerable<RedFlagMatch> Temperatures(string text, RedFlagVocabulary vocabulary)
    {
        var settings = vocabulary.File.Temperature;
        var context = vocabulary.TemperatureContext.IsMatch(text);
        foreach (Match match in TemperatureNumber().Matches(text))
        {
            var number = match.Groups["value"].Value.Replace(',', '.');
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var unit = match.Groups["unit"].Value;
            var degrees = match.Groups["degrees"].Success;
            var celsius = unit == "c" || (unit.Length == 0 && value is >= 34 and <= 43);
            var fahrenheit = unit == "f" || (unit.Length == 0 && value is >= 93 and <= 110);
            var hasDecimal = number.Contains('.', StringComparison.Ordinal);
            if (!(celsius || fahrenheit) || !(context || degrees || unit.Length > 0 || hasDecimal))
            {
                continue;
            }

            var (immediate, review) = celsius ? (settings.ImmediateCelsius, settings.ReviewCelsius) : (settings.ImmediateFahrenheit, settings.ReviewFahrenheit);
            if (value >= immediate)
            {
                yield return new RedFlagMatch(RedFlagLevel.Immediate, Fever, match.Value.Trim());
            }
            else if (value >= review)
            {
                yield return new RedFlagMatch(RedFlagLevel.SameDay, RaisedTemperature, match.Value.Trim());
            }
        }
    }

    /// <summary>0–10 ratings of 7 or more (ESAS-r "severe"): tiredness is severe fatigue, anything else a same-day review.</summary>
    private static IEnumerable<RedFlagMatch> SevereRatings(string reply)
    {
        var severe = Vocabulary.File.Scores.SevereFrom;
        var parsed = ReplyParser.Parse(reply);
        if (parsed.Kind == ReplyKind.Score && parsed.Score >= severe)
        {
            yield return new RedFlagMatch(RedFlagLevel.SameDay, SevereRating, reply.Trim());
        }

        foreach (var (symptom, score) in parsed.Scores.Where(s => s.Value >= severe))
        {
            var reason = symptom == Outcomes.Symptom.Fatigue ? FluLikeOrSevereFatigue : SevereRating;
            yield return new RedFlagMatch(RedFlagLevel.SameDay, reason, string.Create(CultureInfo.InvariantCulture, $"{symptom} {score}"));
        }

        foreach (Match match in OutOfTen().Matches(reply))
        {
            if (int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score >= severe && score <= 10)
            {
                yield return new RedFlagMatch(RedFlagLevel.SameDay, SevereRating, match.Value);
            }
        }
    }

    [GeneratedRegex(@"[.!?;\n]+(?!\d)|,(?!\d)|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bexcept\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[\w']+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=\w)-(?=\w)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Hyphen();

    [GeneratedRegex(@"(?<![\w.,])(?<value>\d{2,3}(?:[.,]\d{1,2})?)\s*(?<degrees>°|º|degrees?|deg)?\s*(?<unit>[cf])?(?!\w|[.,]\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex TemperatureNumber();

    [GeneratedRegex(@"^\s*(?:is\s+|was\s+|=|:|-|at\s+)?\s*\d", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RatingAfter();

    [GeneratedRegex(@"\d\s*(?:/\s*10|out\s+of\s+10)?\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RatingBefore();

    [GeneratedRegex(@"\b(\d{1,2})\s*(?:/|out\s+of)\s*10\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex OutOfTen();
}
