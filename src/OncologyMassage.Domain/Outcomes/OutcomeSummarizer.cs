namespace OncologyMassage.Domain.Outcomes;

/// <summary>
/// Summarises outcomes as docs/clinical.md asks: change per symptom (mean pre→post, with n), never a single made-up score and
/// never an imputed rating. A session counts for a symptom only when it has both ratings for it.
/// </summary>
public static class OutcomeSummarizer
{
    /// <summary>Summary over any set of sessions and follow-ups (one referral, a venue, a period).</summary>
    public static OutcomeSummary Summarize(IEnumerable<SessionOutcome> sessions, IEnumerable<FollowUpRating>? followUps = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var list = sessions.ToArray();
        var changes = Enum.GetValues<Symptom>().Select(s => Change(s, list)).ToArray();
        var items = (followUps ?? [])
            .GroupBy(f => f.Item)
            .OrderBy(g => g.Key)
            .Select(g => new FollowUpItemSummary(g.Key, g.Count(), g.Average(f => f.Score)))
            .ToArray();
        return new OutcomeSummary(list.Length, list.Select(s => s.ReferralId).Distinct(StringComparer.Ordinal).Count(), changes, items);
    }

    /// <summary>One summary per referral, for the care-team feedback.</summary>
    public static IReadOnlyDictionary<string, OutcomeSummary> ByReferral(IEnumerable<SessionOutcome> sessions, IEnumerable<FollowUpRating>? followUps = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var ratings = (followUps ?? []).ToLookup(f => f.ReferralId, StringComparer.Ordinal);
        return sessions
            .GroupBy(s => s.ReferralId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Summarize(g, ratings[g.Key]), StringComparer.Ordinal);
    }

    private static SymptomChange Change(Symptom symptom, IReadOnlyList<SessionOutcome> sessions)
    {
        var paired = sessions
            .Where(s => s.Pre[symptom] is not null && s.Post[symptom] is not null)
            .Select(s => (Pre: s.Pre[symptom]!.Value, Post: s.Post[symptom]!.Value))
            .ToArray();
        var incomplete = sessions.Count(s => (s.Pre[symptom] is null) != (s.Post[symptom] is null));
        return paired.Length == 0
            ? new SymptomChange(symptom, 0, null, null, incomplete)
            : new SymptomChange(symptom, paired.Length, paired.Average(p => p.Pre), paired.Average(p => p.Post), incomplete);
    }
}
