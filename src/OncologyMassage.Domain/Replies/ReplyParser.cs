using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Parses client replies: carrier keywords (STOP and its variants, START, HELP), a 0–10 rating, named ratings
/// ("pain 3 anxiety 2"), four ratings in the generic question's order, slot choices ("1"/"2"/"3"), and free text,
/// which is kept verbatim. Red-flag screening is separate: run <see cref="RedFlagScreener.Screen"/> on every reply.
/// </summary>
public static class ReplyParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>The symptom names of a named rating: English here, other languages from their vocabulary file's ratingWords.</summary>
    private static readonly FrozenDictionary<string, Symptom> SymptomWords = WithOtherLanguages(new Dictionary<string, Symptom>(StringComparer.OrdinalIgnoreCase)
    {
        ["pain"] = Symptom.Pain,
        ["anxiety"] = Symptom.Anxiety,
        ["anx"] = Symptom.Anxiety,
        ["worry"] = Symptom.Anxiety,
        ["worried"] = Symptom.Anxiety,
        ["nausea"] = Symptom.Nausea,
        ["nauseous"] = Symptom.Nausea,
        ["nausious"] = Symptom.Nausea,
        ["fatigue"] = Symptom.Fatigue,
        ["tired"] = Symptom.Fatigue,
        ["tiredness"] = Symptom.Fatigue,
    });

    /// <summary>The order of the generic question: "Reply 0-10 for pain, tiredness, nausea, worry".</summary>
    public static IReadOnlyList<Symptom> QuestionOrder { get; } = [Symptom.Pain, Symptom.Fatigue, Symptom.Nausea, Symptom.Anxiety];

    private static readonly Regex Rating = new(@"^\s*(\d{1,3})\s*(?:/\s*10|out\s+of\s+10)?\s*[.!]?\s*$", Options, Timeout);
    private static readonly Regex Slot = new(@"^\s*(?:#|no\.?\s*|number\s+|option\s+|slot\s+|choice\s+)?(\d{1,2})\s*[.!)]?\s*$", Options, Timeout);
    private static readonly Regex Named = new(
        @"\b(" + string.Join("|", SymptomWords.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b\s*(?:is\s+|es\s+|=|:|-)?\s*(\d{1,3})\b", Options, Timeout);
    private static readonly Regex Separators = new(@"^[\s,;.&/]*(?:(?:and|y)[\s,;.&/]*)*$", Options, Timeout);
    private static readonly Regex FourNumbers = new(@"^\s*(\d{1,3})\s*[,;/\s]\s*(\d{1,3})\s*[,;/\s]\s*(\d{1,3})\s*[,;/\s]\s*(\d{1,3})\s*\.?\s*$", Options, Timeout);

    private const string OutOfRange = "Ratings are 0 (none) to 10 (worst).";

    /// <summary>Parses a reply; <paramref name="slotCount"/> is how many slots were offered when a choice is expected.</summary>
    public static ParsedReply Parse(string? reply, ReplyExpectation expecting = ReplyExpectation.Rating, int slotCount = 3)
    {
        var text = reply ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParsedReply(ReplyKind.Empty, text);
        }

        if (SmsKeywords.Classify(text) is { } keyword) // the carrier keywords, recognised as the webhook does
        {
            return new ParsedReply(ReplyKind.Keyword, text) { Keyword = keyword };
        }

        if (expecting == ReplyExpectation.SlotChoice && Slot.Match(text) is { Success: true } slot)
        {
            var n = Number(slot.Groups[1].Value);
            return n >= 1 && n <= slotCount
                ? new ParsedReply(ReplyKind.SlotChoice, text) { Slot = n }
                : new ParsedReply(ReplyKind.FreeText, text) { Problem = $"Reply with a number from 1 to {slotCount.ToString(CultureInfo.InvariantCulture)}." };
        }

        if (Rating.Match(text) is { Success: true } rating)
        {
            var n = Number(rating.Groups[1].Value);
            return n <= 10
                ? new ParsedReply(ReplyKind.Score, text) { Score = n }
                : new ParsedReply(ReplyKind.FreeText, text) { Problem = OutOfRange };
        }

        if (FourNumbers.Match(text) is { Success: true } four)
        {
            var values = Enumerable.Range(1, 4).Select(i => Number(four.Groups[i].Value)).ToArray();
            return values.All(v => v <= 10)
                ? new ParsedReply(ReplyKind.SymptomScores, text) { Scores = QuestionOrder.Zip(values).ToDictionary(p => p.First, p => p.Second) }
                : new ParsedReply(ReplyKind.FreeText, text) { Problem = OutOfRange };
        }

        return ParseNamed(text);
    }

    private static ParsedReply ParseNamed(string text)
    {
        var matches = Named.Matches(text);
        if (matches.Count == 0)
        {
            return new ParsedReply(ReplyKind.FreeText, text);
        }

        var scores = new Dictionary<Symptom, int>();
        var outOfRange = false;
        foreach (Match match in matches)
        {
            var value = Number(match.Groups[2].Value);
            if (value > 10)
            {
                outOfRange = true;
                continue;
            }

            scores[SymptomWords[match.Groups[1].Value]] = value;
        }

        var rest = Named.Replace(text, " ");
        var onlyRatings = Separators.IsMatch(rest) && !outOfRange;
        return new ParsedReply(onlyRatings ? ReplyKind.SymptomScores : ReplyKind.FreeText, text)
        {
            Scores = scores,
            Problem = outOfRange ? OutOfRange : null,
        };
    }

    private static FrozenDictionary<string, Symptom> WithOtherLanguages(Dictionary<string, Symptom> english)
    {
        foreach (var (symptom, words) in RedFlagVocabulary.All.SelectMany(v => v.File.RatingWords ?? new Dictionary<string, string[]>()))
        {
            foreach (var word in words)
            {
                english.TryAdd(word, Enum.Parse<Symptom>(symptom));
            }
        }

        return english.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
