namespace OncologyMassage.Domain.Replies;

/// <summary>What the last message asked for: decides whether a bare "2" is a rating or a slot choice.</summary>
public enum ReplyExpectation
{
    Rating,
    SlotChoice,
}
