namespace OncologyMassage.Domain.Replies;

/// <summary>
/// The shape of Vocabulary/red-flag-vocabulary.json and its per-language companions (red-flag-vocabulary.es.json), read once
/// by <see cref="RedFlagVocabulary"/>. <see cref="Language"/>, <see cref="FoldAccents"/>, <see cref="ClauseBreaks"/> (words
/// that end a clause, besides punctuation) and <see cref="RatingWords"/> (symptom names in a "pain 3" rating) are optional.
/// </summary>
internal sealed record VocabularyFile(
    IReadOnlyDictionary<string, string> Sources,
    IReadOnlyDictionary<string, string[]> Lists,
    IReadOnlyList<AbbreviationEntry> Abbreviations,
    IReadOnlyDictionary<string, string> Misspellings,
    IReadOnlyList<string> NotMisspellings,
    IReadOnlyList<string> SpellingTargets,
    NegationEntry Negation,
    ResolutionEntry Resolution,
    TemperatureEntry Temperature,
    ScoresEntry Scores,
    IReadOnlyList<FlagEntry> Flags,
    NeedsReviewEntry NeedsReview,
    string? Language = null,
    bool FoldAccents = false,
    IReadOnlyList<string>? ClauseBreaks = null,
    IReadOnlyDictionary<string, string[]>? RatingWords = null);

internal sealed record AbbreviationEntry(string Abbreviation, string Meaning, string Source);

internal sealed record NegationEntry(
    IReadOnlyList<string> Before,
    IReadOnlyList<string> CueNotNegatingWhenFollowedBy,
    IReadOnlyList<string> ScopeBreaks,
    IReadOnlyList<string> After,
    int WindowWords);

internal sealed record ResolutionEntry(IReadOnlyList<string> RightAfter, IReadOnlyList<string> StateRightAfter, IReadOnlyList<string> Improvement);

internal sealed record TemperatureEntry(
    double ImmediateCelsius,
    double ImmediateFahrenheit,
    double ReviewCelsius,
    double ReviewFahrenheit,
    IReadOnlyList<string> ContextWords);

internal sealed record ScoresEntry(int SevereFrom);

internal sealed record FlagEntry(
    string Id,
    RedFlagLevel Level,
    string Reason,
    IReadOnlyDictionary<string, string[]> Terms,
    string? UnlessFollowedBy,
    bool ResolvedAnywhereInClause);

internal sealed record NeedsReviewEntry(RedFlagLevel Level, string Reason, IReadOnlyList<ReviewSymptomEntry> Symptoms);

internal sealed record ReviewSymptomEntry(string ProCtcae, IReadOnlyList<string> Terms);
