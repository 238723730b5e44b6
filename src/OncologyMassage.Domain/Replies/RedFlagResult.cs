using System.Globalization;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Replies;

/// <summary>The screening of one reply: the highest level found and every match behind it.</summary>
public sealed record RedFlagResult(RedFlagLevel Level, IReadOnlyList<RedFlagMatch> Matches)
{
    public static RedFlagResult Clear { get; } = new(RedFlagLevel.None, []);

    public bool IsFlagged => Level != RedFlagLevel.None;

    /// <summary>
    /// The answer the client gets at once for an immediate flag (DOMAIN.md), or null. It names no condition or symptom,
    /// so it is safe in an SMS body.
    /// </summary>
    public string? ImmediateAnswer => ImmediateAnswerIn(ClientLanguages.Default);

    /// <summary>The immediate answer in the client's language (<see cref="ClientLanguages.Resolve"/>), or null.</summary>
    public string? ImmediateAnswerIn(CultureInfo language) => Level == RedFlagLevel.Immediate
        ? ClientText.Get(language, "AutoReply_CallNow")
        : null;

    /// <summary>The distinct reasons, most urgent first, e.g. "chest pain", "swelling of a limb".</summary>
    public IReadOnlyList<string> Reasons => Matches.OrderByDescending(m => m.Level).Select(m => m.Reason).Distinct(StringComparer.Ordinal).ToArray();
}
