namespace OncologyMassage.Domain.Replies;

/// <summary>What a reply turned out to be.</summary>
public enum ReplyKind
{
    Empty,
    Keyword,

    /// <summary>One 0–10 rating, e.g. "7" or "7/10".</summary>
    Score,

    /// <summary>Named ratings, e.g. "pain 3 anxiety 2", or four numbers in the question's order (pain, tiredness, nausea, worry).</summary>
    SymptomScores,

    /// <summary>A choice among offered slots, e.g. "2" or "option 2".</summary>
    SlotChoice,

    /// <summary>Anything else; the text is kept verbatim.</summary>
    FreeText,
}
