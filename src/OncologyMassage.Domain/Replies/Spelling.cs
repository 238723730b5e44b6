using System.Collections.Frozen;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Repairs common misspellings of red-flag words before screening: the vocabulary's list of known misspellings, plus
/// one-edit (Damerau–Levenshtein) repairs towards its spelling targets, except real words one edit away (painted → fainted).
/// </summary>
internal static class Spelling
{
    private static readonly FrozenDictionary<string, string> Known =
        RedFlagVocabulary.Instance.File.Misspellings.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Targets = [.. RedFlagVocabulary.Instance.File.SpellingTargets];

    private static readonly FrozenSet<string> RealWords =
        RedFlagVocabulary.Instance.File.NotMisspellings.ToFrozenSet(StringComparer.Ordinal);

    public static string Correct(string word)
    {
        if (Known.TryGetValue(word, out var known))
        {
            return known;
        }

        if (word.Length < 6 || RealWords.Contains(word) || Targets.Contains(word))
        {
            return word;
        }

        foreach (var target in Targets)
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
