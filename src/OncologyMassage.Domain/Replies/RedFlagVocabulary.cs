using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// One of the screener's vocabularies, read once from an embedded Vocabulary/red-flag-vocabulary*.json (terms grouped by
/// source, abbreviations, misspellings, negation cues, temperature thresholds) and compiled into regular expressions:
/// red-flag-vocabulary.json (English, <see cref="Instance"/>) and one file per further language
/// (red-flag-vocabulary.es.json). <see cref="All"/> finds them by name, so a language is added by adding its file.
/// </summary>
internal sealed class RedFlagVocabulary
{
    public const string ResourceName = "OncologyMassage.Domain.Replies.Vocabulary.red-flag-vocabulary.json";

    private const string ResourcePrefix = "OncologyMassage.Domain.Replies.Vocabulary.red-flag-vocabulary.";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter() },
    };

    private RedFlagVocabulary(VocabularyFile file)
    {
        File = file;
        FoldAccents = file.FoldAccents;
        Spelling = new Spelling(file, Fold);
        ClauseBreak = file.ClauseBreaks is { Count: > 0 } words
            ? new Regex(@"[.!?;\n]+(?!\d)|,(?!\d)|" + string.Join("|", words.Select(w => @"\b" + Regex.Escape(Fold(w)).Replace(@"\ ", @"\s+", StringComparison.Ordinal) + @"\b")), Options, Timeout)
            : null;
        Rules = file.Flags.Select(f => new RedFlagRule(f.Level, f.Reason, new Regex(Alternation(f.Terms.Values.SelectMany(t => t), f.UnlessFollowedBy), Options, Timeout))
        {
            ResolvedAnywhereInClause = f.ResolvedAnywhereInClause,
        }).ToArray();
        Review = file.NeedsReview.Symptoms.Select(s => (s.ProCtcae, new Regex(Alternation(s.Terms, null), Options, Timeout))).ToArray();
        var abbreviations = file.Abbreviations.ToDictionary(a => a.Abbreviation, a => a.Meaning, StringComparer.OrdinalIgnoreCase);
        AbbreviationMeanings = abbreviations.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Abbreviation = new Regex(@"(?<![\w'/.&])(?:" + string.Join("|", abbreviations.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\w'/&])", Options, Timeout);
        NegationBefore = file.Negation.Before.ToFrozenSet(StringComparer.Ordinal);
        NotNegating = file.Negation.CueNotNegatingWhenFollowedBy.ToFrozenSet(StringComparer.Ordinal);
        ScopeBreaks = file.Negation.ScopeBreaks.ToFrozenSet(StringComparer.Ordinal);
        NegationAfter = file.Negation.After.ToFrozenSet(StringComparer.Ordinal);
        ResolvedRightAfter = new Regex(@"^\s*(?:[\w']+\s+){0,3}?" + Alternation(file.Resolution.RightAfter, null), Options, Timeout);
        Resolved = new Regex(Alternation(file.Resolution.RightAfter, null), Options, Timeout);
        StateRightAfter = new Regex(@"^\s*" + Alternation(file.Resolution.StateRightAfter, null), Options, Timeout);
        Improvement = new Regex(Alternation(file.Resolution.Improvement, null), Options, Timeout);
        TemperatureContext = new Regex(
            string.Join("|", file.Temperature.ContextWords.Select(w => w.All(c => char.IsLetter(c) || c is ' ' or '*') ? PhrasePattern.ToRegex(Fold(w), file.Lists) : Regex.Escape(w))),
            Options,
            Timeout);
    }

    public static RedFlagVocabulary Instance { get; } = Load(ResourceName);

    /// <summary>English first, then every other embedded vocabulary (red-flag-vocabulary.&lt;language&gt;.json), by name.</summary>
    public static IReadOnlyList<RedFlagVocabulary> All { get; } =
    [
        Instance,
        .. typeof(RedFlagVocabulary).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n != ResourceName && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Load),
    ];

    /// <summary>The language of the file ("en" when it names none).</summary>
    public string Language => File.Language ?? "en";

    /// <summary>True when replies and terms are compared without accents (á = a; ñ stays).</summary>
    public bool FoldAccents { get; }

    public Spelling Spelling { get; }

    /// <summary>The file's own clause breaks (punctuation and its words), or null for the English default.</summary>
    public Regex? ClauseBreak { get; }

    public VocabularyFile File { get; }

    public IReadOnlyList<RedFlagRule> Rules { get; }

    public IReadOnlyList<(string Symptom, Regex Pattern)> Review { get; }

    public FrozenDictionary<string, string> AbbreviationMeanings { get; }

    public Regex Abbreviation { get; }

    public FrozenSet<string> NegationBefore { get; }

    public FrozenSet<string> NotNegating { get; }

    public FrozenSet<string> ScopeBreaks { get; }

    public FrozenSet<string> NegationAfter { get; }

    public Regex ResolvedRightAfter { get; }

    public Regex Resolved { get; }

    public Regex StateRightAfter { get; }

    public Regex Improvement { get; }

    public Regex TemperatureContext { get; }

    private string Alternation(IEnumerable<string> phrases, string? unlessFollowedBy)
    {
        var unless = unlessFollowedBy is null ? string.Empty : @"(?!\s+" + PhrasePattern.ToRegex(unlessFollowedBy, File.Lists) + ")";
        return "(?:" + string.Join("|", phrases.Select(p => PhrasePattern.ToRegex(Fold(p), File.Lists))) + ")" + unless;
    }

    /// <summary>Removes accents when the file asks for it (á→a, ü→u), keeping ñ, which is a letter of its own.</summary>
    public string Fold(string text)
    {
        if (!FoldAccents)
        {
            return text;
        }

        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var kept = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark || c == '\u0303')
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(System.Text.NormalizationForm.FormC);
    }

    private static RedFlagVocabulary Load(string resourceName)
    {
        using var stream = typeof(RedFlagVocabulary).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException("The red-flag vocabulary is not embedded: " + resourceName);
        var file = JsonSerializer.Deserialize<VocabularyFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The red-flag vocabulary is empty.");
        return new RedFlagVocabulary(file);
    }
}
