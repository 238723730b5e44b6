namespace OncologyMassage.Domain.Outcomes;

/// <summary>One item rated at one follow-up (e.g. +24 h, +7 days, +30 days). Only ratings given are stored.</summary>
public sealed record FollowUpRating
{
    private readonly int score;

    public FollowUpRating(string referralId, string followUpId, DateTimeOffset recordedAt, FollowUpItem item, int score)
    {
        ReferralId = referralId;
        FollowUpId = followUpId;
        RecordedAt = recordedAt;
        Item = item;
        Score = score;
    }

    public string ReferralId { get; init; }

    public string FollowUpId { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public FollowUpItem Item { get; init; }

    public int Score { get => score; init => score = Outcomes.Score.Check(value, nameof(Score))!.Value; }
}
