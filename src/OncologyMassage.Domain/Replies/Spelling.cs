using System.Collections.Frozen;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Repairs common misspellings of red-flag words before screening: the vocabulary's list of known misspellings, plus
/// one-edit (Damerau–Levenshtein) repairs towards its spelling targets, except real words one edit away (painted → fainted).
/// One per vocabulary file: each language repairs towards its own words.
/// </summary>
internal sealed class Spelling
{
    private readonly FrozenDictionary<string, string> known;
    private readonly string[] targets;
    private readonly FrozenSet<string> realWords;

    public Spelling(VocabularyFile file, Func<string, string> normalize)
    {
        ArgumentNullException.ThrowIfNull(file);
        known = file.Misspellings.ToDictionary(m => normalize(m.Key), m => normalize(m.Value), StringComparer.Ordinal).ToFrozenDictionary(StringComparer.Ordinal);
        targets = [.. file.SpellingTargets.Select(normalize)];
        realWords = file.NotMisspellings.Select(normalize).ToFrozenSet(StringComparer.Ordinal);
    }

    public string Correct(string word)
    {
        if (known.TryGetValue(word, out var repaired))
        {
            return repaired;
        }

        if (word.Length < 6 || realWords.Contains(word) || targets.Contains(word))
        {
            return word;
        }

        foreach (var target in targets)
        {
            if (Math.Abs(target.Length - word.Length) <= 1 && OneEditApart(word, target))
            {
                return target;
            }
        }

        return word;
    }

    /// <summary>Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or adjacent swap).</summary>
    private static bool OneEditApart(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length] <= 1;
    }
}
