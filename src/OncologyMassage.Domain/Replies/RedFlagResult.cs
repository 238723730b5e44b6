namespace OncologyMassage.Domain.Replies;

/// <summary>The screening of one reply: the highest level found and every match behind it.</summary>
public sealed record RedFlagResult(RedFlagLevel Level, IReadOnlyList<RedFlagMatch> Matches)
{
    public static RedFlagResult Clear { get; } = new(RedFlagLevel.None, []);

    public bool IsFlagged => Level != RedFlagLevel.None;

    /// <summary>The distinct reasons, most urgent first, e.g. "chest pain", "swelling of a limb".</summary>
    public IReadOnlyList<string> Reasons => Matches.OrderByDescending(m => m.Level).Select(m => m.Reason).Distinct(StringComparer.Ordinal).ToArray();
}
