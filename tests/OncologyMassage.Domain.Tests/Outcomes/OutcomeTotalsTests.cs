using FsCheck;
using FsCheck.Xunit;
using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Domain.Tests.Outcomes;

/// <summary>Running totals give the same summary as summarising the sessions themselves, whatever the sessions.</summary>
public sealed class OutcomeTotalsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static OutcomeTotals Count(IEnumerable<SessionOutcome> sessions)
    {
        var totals = new OutcomeTotals();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            totals.AddSession(session, seen.Add(session.ReferralId));
        }

        return totals;
    }

    private static int? Rating(Random random) => random.Next(4) == 0 ? null : random.Next(0, 11);

    private static SymptomRatings Ratings(Random random) => new(Rating(random), Rating(random), Rating(random), Rating(random));

    [Property(MaxTest = 300)]
    public bool ToSummary_AnySessions_SameAsSummarizingThem(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var sessions = Enumerable.Range(0, random.Next(0, 40))
            .Select(i => new SessionOutcome($"r{random.Next(6)}", $"s{i}", "venue", At, Ratings(random), Ratings(random)))
            .ToArray();

        var fromTotals = Count(sessions).ToSummary();
        var direct = OutcomeSummarizer.Summarize(sessions);

        return fromTotals.Sessions == direct.Sessions && fromTotals.Referrals == direct.Referrals && fromTotals.Changes.SequenceEqual(direct.Changes);
    }

    [Fact]
    public void ToSummary_TwoReferralsThreeSessions_MeansWithNAndIncomplete()
    {
        var totals = Count(
        [
            new SessionOutcome("r1", "s1", "v", At, new SymptomRatings(pain: 4, nausea: 6), new SymptomRatings(pain: 2, nausea: 2)),
            new SessionOutcome("r1", "s2", "v", At, new SymptomRatings(pain: 6), new SymptomRatings(pain: 3)),
            new SessionOutcome("r2", "s3", "v", At, new SymptomRatings(nausea: 9), SymptomRatings.None),
        ]);

        var summary = totals.ToSummary();

        Assert.Equal((3, 2), (summary.Sessions, summary.Referrals));
        Assert.Equal(new SymptomChange(Symptom.Pain, 2, 5.0, 2.5, 0), summary[Symptom.Pain]);
        Assert.Equal(new SymptomChange(Symptom.Nausea, 1, 6.0, 2.0, 1), summary[Symptom.Nausea]);
        Assert.Equal(new SymptomChange(Symptom.Fatigue, 0, null, null, 0), summary[Symptom.Fatigue]);
    }

    [Fact]
    public void ReplyRate_ThreeFollowUpsOneReplied_OneThird()
    {
        var totals = new OutcomeTotals();
        totals.AddFollowUp(replied: true);
        totals.AddFollowUp(replied: false);
        totals.AddFollowUp(replied: false);

        Assert.Equal((3, 1, 1 / 3.0), (totals.FollowUps, totals.FollowUpsReplied, totals.ReplyRate));
        Assert.Equal(0, new OutcomeTotals().ReplyRate);
    }
}
