using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// The screener's vocabulary, read once from the embedded Vocabulary/red-flag-vocabulary.json (terms grouped by source,
/// abbreviations, misspellings, negation cues, temperature thresholds) and compiled into regular expressions.
/// </summary>
internal sealed class RedFlagVocabulary
{
    public const string ResourceName = "OncologyMassage.Domain.Replies.Vocabulary.red-flag-vocabulary.json";

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
            string.Join("|", file.Temperature.ContextWords.Select(w => w.All(c => char.IsLetter(c) || c is ' ' or '*') ? PhrasePattern.ToRegex(w, file.Lists) : Regex.Escape(w))),
            Options,
            Timeout);
    }

    public static RedFlagVocabulary Instance { get; } = Load();

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
        return "(?:" + string.Join("|", phrases.Select(p => PhrasePattern.ToRegex(p, File.Lists))) + ")" + unless;
    }

    private static RedFlagVocabulary Load()
    {
        using var stream = typeof(RedFlagVocabulary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The red-flag vocabulary is not embedded: " + ResourceName);
        var file = JsonSerializer.Deserialize<VocabularyFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The red-flag vocabulary is empty.");
        return new RedFlagVocabulary(file);
    }
}
