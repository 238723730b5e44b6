namespace OncologyMassage.Domain.Outcomes;

/// <summary>Outcome summary for a referral (care-team feedback) or a set of referrals (e.g. a venue).</summary>
/// <param name="Sessions">Sessions counted.</param>
/// <param name="Referrals">Distinct referrals among them.</param>
/// <param name="Changes">One entry per symptom, in <see cref="Symptom"/> order, including those with no paired ratings.</param>
/// <param name="FollowUps">Follow-up items rated at least once, in <see cref="FollowUpItem"/> order.</param>
public sealed record OutcomeSummary(int Sessions, int Referrals, IReadOnlyList<SymptomChange> Changes, IReadOnlyList<FollowUpItemSummary> FollowUps)
{
    public SymptomChange this[Symptom symptom] => Changes.First(c => c.Symptom == symptom);
}
