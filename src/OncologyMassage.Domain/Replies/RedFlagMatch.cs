namespace OncologyMassage.Domain.Replies;

/// <summary>One red flag found in a reply: its level, the reason in DOMAIN.md's words, and the words that matched.</summary>
public sealed record RedFlagMatch(RedFlagLevel Level, string Reason, string MatchedText);
