using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Domain.Tests.Outcomes;

public sealed class OutcomeSummarizerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static SessionOutcome Session(string referral, string venue, SymptomRatings pre, SymptomRatings post) =>
        new(referral, Guid.NewGuid().ToString("N"), venue, At, pre, post);

    [Fact]
    public void Summarize_TwoSessions_MeanPrePostAndChangeWithN()
    {
        var sessions = new[]
        {
            Session("r1", "v1", new SymptomRatings(pain: 4, anxiety: 5), new SymptomRatings(pain: 2, anxiety: 1)),
            Session("r1", "v1", new SymptomRatings(pain: 6, anxiety: 3), new SymptomRatings(pain: 3, anxiety: 2)),
        };

        var pain = OutcomeSummarizer.Summarize(sessions)[Symptom.Pain];

        Assert.Equal((2, 5.0, 2.5, -2.5), (pain.N, pain.MeanPre, pain.MeanPost, pain.MeanChange));
    }

    [Fact]
    public void Summarize_SessionMissingPostRating_LeftOutAndCountedAsIncomplete()
    {
        var sessions = new[]
        {
            Session("r1", "v1", new SymptomRatings(nausea: 6), new SymptomRatings(nausea: 2)),
            Session("r1", "v1", new SymptomRatings(nausea: 9), SymptomRatings.None),
        };

        var nausea = OutcomeSummarizer.Summarize(sessions)[Symptom.Nausea];

        Assert.Equal((1, 6.0, 2.0, 1), (nausea.N, nausea.MeanPre, nausea.MeanPost, nausea.Incomplete));
    }

    [Fact]
    public void Summarize_NoRatingsForASymptom_NoMeansAndZeroN()
    {
        var summary = OutcomeSummarizer.Summarize([Session("r1", "v1", new SymptomRatings(pain: 3), new SymptomRatings(pain: 1))]);

        Assert.Equal((0, (double?)null), (summary[Symptom.Fatigue].N, summary[Symptom.Fatigue].MeanChange));
    }

    [Fact]
    public void ByReferral_TwoReferrals_OneSummaryEach()
    {
        var sessions = new[]
        {
            Session("r1", "v1", new SymptomRatings(pain: 4), new SymptomRatings(pain: 2)),
            Session("r2", "v1", new SymptomRatings(pain: 8), new SymptomRatings(pain: 8)),
        };

        var byReferral = OutcomeSummarizer.ByReferral(sessions);

        Assert.Equal((-2.0, 0.0), (byReferral["r1"][Symptom.Pain].MeanChange, byReferral["r2"][Symptom.Pain].MeanChange));
    }

    [Fact]
    public void Summarize_FollowUps_MeanPerItemWithN()
    {
        var followUps = new[]
        {
            new FollowUpRating("r1", "f1", At, FollowUpItem.Sleep, 3),
            new FollowUpRating("r1", "f2", At, FollowUpItem.Sleep, 5),
            new FollowUpRating("r1", "f2", At, FollowUpItem.Isolation, 2),
        };

        var summary = OutcomeSummarizer.Summarize([], followUps);

        Assert.Equal([new FollowUpItemSummary(FollowUpItem.Sleep, 2, 4.0), new FollowUpItemSummary(FollowUpItem.Isolation, 1, 2.0)], summary.FollowUps);
    }

    [Fact]
    public void SymptomChange_ToString_ShowsMeansChangeAndN()
    {
        var change = new SymptomChange(Symptom.Pain, 12, 3.3, 1.9, 0);

        Assert.Equal("Pain 3.3 → 1.9 (−1.4, n = 12)", change.ToString());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void SymptomRatings_OutOfRange_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymptomRatings(pain: value));
    }

    [Fact]
    public void FollowUpRating_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FollowUpRating("r1", "f1", At, FollowUpItem.WellBeing, 12));
    }

    [Fact]
    public void SymptomRatings_FromParsedScores_MissingStayNull()
    {
        var ratings = SymptomRatings.From(new Dictionary<Symptom, int> { [Symptom.Pain] = 3 });

        Assert.Equal((3, (int?)null), (ratings.Pain, ratings.Nausea));
    }
}
