using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Recognises the carrier keywords (STOP, START, HELP and their common variants) the way carriers and Twilio do: the
/// whole message is the keyword, in any case, with surrounding spaces and trailing punctuation ignored. "Stop" opts out;
/// "stop the reminders please" is an ordinary reply (a coordinator reads it on the timeline). Each client language adds
/// the words its speakers type (Keywords_* in Languages/ClientMessages.&lt;language&gt;.resx: PARAR, AYUDA, ...), matched
/// with or without accents; they work for every number, whatever the referral's language.
/// </summary>
public static class SmsKeywords
{
    /// <summary>The carriers' and Twilio's own English keywords: always honoured, whatever the client's language.</summary>
    private static readonly Dictionary<string, SmsKeyword> CarrierWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = SmsKeyword.Stop,
        ["STOPALL"] = SmsKeyword.Stop,
        ["UNSUBSCRIBE"] = SmsKeyword.Stop,
        ["CANCEL"] = SmsKeyword.Stop,
        ["END"] = SmsKeyword.Stop,
        ["QUIT"] = SmsKeyword.Stop,
        ["START"] = SmsKeyword.Start,
        ["UNSTOP"] = SmsKeyword.Start,
        ["HELP"] = SmsKeyword.Help,
        ["INFO"] = SmsKeyword.Help,
    };

    private static readonly Lazy<FrozenDictionary<string, (SmsKeyword Keyword, CultureInfo Language)>> Words = new(Load);

    /// <summary>The keyword the message consists of, or null for an ordinary reply.</summary>
    public static SmsKeyword? Classify(string? body) => Find(body)?.Keyword;

    /// <summary>
    /// The language the keyword belongs to (PARAR: Spanish; STOP: English), so the confirmation goes out in the language the
    /// client used; null for an ordinary reply.
    /// </summary>
    public static CultureInfo? LanguageOf(string? body) => Find(body)?.Language;

    /// <summary>The keyword as the client sent it, normalised to upper case (for the opt-out record), or null.</summary>
    public static string? Normalize(string? body) =>
        Classify(body) is null ? null : Trim(body).ToUpperInvariant();

    private static (SmsKeyword Keyword, CultureInfo Language)? Find(string? body) =>
        Words.Value.TryGetValue(Fold(Trim(body)), out var found) ? found : null;

    private static string Trim(string? body) => (body ?? "").Trim().TrimEnd('.', '!', '?', ',', ';').Trim().TrimStart('¡', '¿').Trim();

    /// <summary>Upper case, accents removed, inner spaces collapsed: "No más" and "NO MAS" are the same keyword.</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark || c == '\u0303')
            {
                kept.Append(c); // the tilde of Ñ stays: it makes another letter, not an accent
            }
        }

        return string.Join(' ', kept.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static FrozenDictionary<string, (SmsKeyword, CultureInfo)> Load()
    {
        var words = CarrierWords.ToDictionary(w => w.Key, w => (w.Value, ClientLanguages.Default), StringComparer.Ordinal);
        foreach (var language in ClientLanguages.Available())
        {
            foreach (var (key, keyword) in new[] { ("Keywords_Stop", SmsKeyword.Stop), ("Keywords_Start", SmsKeyword.Start), ("Keywords_Help", SmsKeyword.Help) })
            {
                foreach (var word in ClientText.ListOf(language, key))
                {
                    words.TryAdd(Fold(word), (keyword, language)); // the carriers' words keep their meaning
                }
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
