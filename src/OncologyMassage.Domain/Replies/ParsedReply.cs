using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Domain.Replies;

/// <summary>A parsed reply. <see cref="Text"/> is always the reply exactly as received.</summary>
public sealed record ParsedReply(ReplyKind Kind, string Text)
{
    public SmsKeyword? Keyword { get; init; }

    /// <summary>For <see cref="ReplyKind.Score"/>: the 0–10 rating.</summary>
    public int? Score { get; init; }

    /// <summary>Named 0–10 ratings found in the reply (also filled for free text that contains some, e.g. "pain 3 but my arm is sore").</summary>
    public IReadOnlyDictionary<Symptom, int> Scores { get; init; } = new Dictionary<Symptom, int>();

    /// <summary>For <see cref="ReplyKind.SlotChoice"/>: the 1-based slot number.</summary>
    public int? Slot { get; init; }

    /// <summary>Why a reply that looked like a rating or choice was not accepted (e.g. "Ratings are 0 to 10."), to answer the client.</summary>
    public string? Problem { get; init; }
}
