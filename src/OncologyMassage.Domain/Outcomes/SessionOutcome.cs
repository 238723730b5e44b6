namespace OncologyMassage.Domain.Outcomes;

/// <summary>The ratings recorded at one session, before and after.</summary>
/// <param name="ReferralId">The referral the session belongs to.</param>
/// <param name="SessionId">The session.</param>
/// <param name="VenueId">Where it took place, for the coordinators' per-venue view.</param>
/// <param name="RecordedAt">When the post-session ratings were recorded.</param>
/// <param name="Pre">Ratings before the session.</param>
/// <param name="Post">Ratings after the session.</param>
public sealed record SessionOutcome(string ReferralId, string SessionId, string VenueId, DateTimeOffset RecordedAt, SymptomRatings Pre, SymptomRatings Post);
