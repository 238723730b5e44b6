namespace OncologyMassage.Domain.Outcomes;

/// <summary>The mean of one follow-up item over the ratings given, with n.</summary>
public sealed record FollowUpItemSummary(FollowUpItem Item, int N, double Mean);
