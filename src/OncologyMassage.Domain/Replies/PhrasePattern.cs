using System.Text;
using System.Text.RegularExpressions;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Turns a vocabulary phrase (the readable syntax described in red-flag-vocabulary.json) into a regular expression:
/// a space matches whitespace, " ?" optional whitespace, "word*" any ending, " ... " up to three words between,
/// "{name}" a list, "(a|b)" a choice, and a trailing " !(a|b)" an exception (not when followed by a or b); the whole
/// phrase matches whole words only.
/// </summary>
internal static partial class PhrasePattern
{
    private const string Gap = "\u0001";
    private const string OptionalSpace = "\u0002";

    public static string ToRegex(string phrase, IReadOnlyDictionary<string, string[]> lists)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phrase);
        var unless = phrase.IndexOf(" !(", StringComparison.Ordinal);
        return unless < 0
            ? Compile(phrase, lists)
            : Compile(phrase[..unless], lists) + @"(?!\s+" + Compile(phrase[(unless + 2)..], lists) + ")";
    }

    private static string Compile(string phrase, IReadOnlyDictionary<string, string[]> lists)
    {
        var text = ExpandLists(phrase.Trim(), lists, depth: 0);
        text = text.Replace(" ... ", Gap, StringComparison.Ordinal).Replace(" ?", OptionalSpace, StringComparison.Ordinal);
        text = AnyEnding().Replace(text, @"$1\w*");
        text = Group().Replace(text, "(?:");
        var regex = new StringBuilder(text)
            .Replace(" ", @"\s+")
            .Replace(Gap, @"\s+(?:[\w']+\s+){0,3}?")
            .Replace(OptionalSpace, @"\s*")
            .ToString();
        return @"(?<![\w'])(?:" + regex + @")(?![\w'])";
    }

    private static string ExpandLists(string text, IReadOnlyDictionary<string, string[]> lists, int depth)
    {
        if (depth > 3)
        {
            throw new InvalidOperationException("Vocabulary lists nest too deeply: " + text);
        }

        return ListReference().Replace(text, m => lists.TryGetValue(m.Groups[1].Value, out var items)
            ? "(" + string.Join("|", items.Select(i => ExpandLists(i, lists, depth + 1))) + ")"
            : throw new InvalidOperationException("Unknown vocabulary list {" + m.Groups[1].Value + "}"));
    }

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ListReference();

    // A star right after a letter or an apostrophe: "breath*" → breath\w*. Not after ")" or "\w".
    [GeneratedRegex(@"(?<=[^\\])(\p{L}|')\*", RegexOptions.CultureInvariant)]
    private static partial Regex AnyEnding();

    [GeneratedRegex(@"\((?!\?)", RegexOptions.CultureInvariant)]
    private static partial Regex Group();
}
