using System.Text.RegularExpressions;

namespace OncologyMassage.Domain.Replies;

/// <summary>One red-flag pattern: a reason from DOMAIN.md's lists and the plain-word phrasings that signal it.</summary>
public sealed record RedFlagRule(RedFlagLevel Level, string Reason, Regex Pattern)
{
    /// <summary>True for a rule that only says how long something lasted ("since the massage"): any "went away" or "better" in the clause clears it.</summary>
    public bool ResolvedAnywhereInClause { get; init; }
}
