using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

public sealed class TableSessionStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static SessionRecord Session(string referral, string venue, int number, int pressure = 2) => new(
        referral, venue, number, At.AddDays(number), "therapist-1", pressure, ["left arm", "right chest"], "Supine",
        new SymptomRatings(pain: 5, anxiety: 6), new SymptomRatings(pain: 2, anxiety: 3), null, "tolerated well");

    [Fact]
    public async Task TryRecordSessionAsync_New_ListsItForTheReferralAndCountsItForTheVenue()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));

        var stored = await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);

        Assert.True(stored);
        var read = Assert.Single(await store.ListSessionsAsync("ref-1", TestContext.Current.CancellationToken));
        Assert.Equal(Session("ref-1", "venue-a", 1).Pre, read.Pre);
        Assert.Equal(["left arm", "right chest"], read.SitesAvoided);
        var totals = await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (totals.Sessions, totals.Referrals));
        Assert.Equal(new SymptomChange(Symptom.Pain, 1, 5, 2, 0), totals.ToSummary()[Symptom.Pain]);
    }

    [Fact]
    public async Task TryRecordSessionAsync_SameNumberTwice_ReturnsFalseKeepsTheFirstAndCountsItOnce()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1, pressure: 2), TestContext.Current.CancellationToken);

        var second = await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1, pressure: 3), TestContext.Current.CancellationToken);

        Assert.False(second);
        Assert.Equal(2, Assert.Single(await store.ListSessionsAsync("ref-1", TestContext.Current.CancellationToken)).PressureUsed);
        Assert.Equal(1, (await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken)).Sessions);
    }

    [Fact]
    public async Task GetVenueOutcomesAsync_SessionsAtTwoVenuesRecordedAtOnce_EachVenueCountsItsOwnExactlyOnce()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        SessionRecord[] sessions =
        [
            Session("ref-1", "venue-a", 1), Session("ref-1", "venue-a", 2), Session("ref-2", "venue-a", 1),
            Session("ref-3", "venue-a", 1), Session("ref-3", "venue-a", 2), Session("ref-4", "venue-b", 1),
        ];

        await Task.WhenAll(sessions.Concat(sessions).Select(s => store.TryRecordSessionAsync(s, TestContext.Current.CancellationToken))); // each twice, racing

        var a = await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken);
        var b = await store.GetVenueOutcomesAsync("venue-b", TestContext.Current.CancellationToken);
        Assert.Equal((5, 3, 5), (a.Sessions, a.Referrals, a.ToSummary()[Symptom.Anxiety].N));
        Assert.Equal((1, 1), (b.Sessions, b.Referrals));
        Assert.Equal(0, (await store.GetVenueOutcomesAsync("venue-c", TestContext.Current.CancellationToken)).Sessions);
    }

    [Fact]
    public async Task RecordFollowUpAsync_RepliedAndNoReply_ListsBothAsGivenAndNotSessions()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);
        var replied = new FollowUpRecord("ref-1", "survey-1", 1, FollowUpKind.Email7Days, true, At,
            [new FollowUpRating("ref-1", "survey-1", At, FollowUpItem.Pain, 2)], "Arm a bit swollen", RedFlagLevel.SameDay);
        var silent = new FollowUpRecord("ref-1", "sms24-1", 1, FollowUpKind.Sms24Hours, false, At, [], null, RedFlagLevel.None);

        Assert.True(await store.RecordFollowUpAsync(replied, "venue-a", TestContext.Current.CancellationToken));
        Assert.True(await store.RecordFollowUpAsync(silent, "venue-a", TestContext.Current.CancellationToken));
        Assert.False(await store.RecordFollowUpAsync(replied with { Text = "changed", Replied = false }, "venue-a", TestContext.Current.CancellationToken));

        var list = await store.ListFollowUpsAsync("ref-1", TestContext.Current.CancellationToken);
        Assert.Equal(["sms24-1", "survey-1"], list.Select(f => f.FollowUpId));
        Assert.Equal(("Arm a bit swollen", RedFlagLevel.SameDay, 2), (list[1].Text, list[1].RedFlag, list[1].Ratings.Single().Score));
        Assert.Equal((false, 0), (list[0].Replied, list[0].Ratings.Count));
        Assert.Equal("Arm a bit swollen", (await store.GetFollowUpAsync("ref-1", "survey-1", TestContext.Current.CancellationToken))?.Text);
        Assert.Null(await store.GetFollowUpAsync("ref-1", "sms30d-1", TestContext.Current.CancellationToken));
        Assert.Single(await store.ListSessionsAsync("ref-1", TestContext.Current.CancellationToken));
        var totals = await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken);
        Assert.Equal((2, 1, 0.5), (totals.FollowUps, totals.FollowUpsReplied, totals.ReplyRate)); // the repeat counted nothing
    }

    [Fact]
    public async Task TryRecordSessionAsync_AnotherReferralAtAVenueThisHostCounted_CountsItWithoutReading()
    {
        var counted = new CountedTables(azurite);
        var store = new TableSessionStore(counted.Tables);
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);

        counted.Clear();
        await store.TryRecordSessionAsync(Session("ref-2", "venue-a", 1), TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (counted.Of("GET", StorageTables.VenueSessions), counted.Of("POST", "$batch")));
        var totals = await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken);
        Assert.Equal((2, 2), (totals.Sessions, totals.Referrals));
    }

    [Fact]
    public async Task RecordFollowUpAsync_AtAVenueThisHostCounted_CountsItWithoutReading()
    {
        var counted = new CountedTables(azurite);
        var store = new TableSessionStore(counted.Tables);
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);

        counted.Clear();
        await store.RecordFollowUpAsync(new FollowUpRecord("ref-1", "sms24h-1", 1, FollowUpKind.Sms24Hours, true, At, [], "fine", RedFlagLevel.None),
            "venue-a", TestContext.Current.CancellationToken);

        Assert.Equal(0, counted.Of("GET", StorageTables.VenueSessions));
        Assert.Equal(1, (await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken)).FollowUps);
    }

    [Fact]
    public async Task TryRecordSessionAsync_TotalsChangedByAnotherHostSince_ReadsThemAgainAndCountsEachOnce()
    {
        var tables = StoreFactory.Tables(azurite);
        var hostA = new TableSessionStore(tables);
        var hostB = new TableSessionStore(tables);
        await hostA.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);

        await hostB.TryRecordSessionAsync(Session("ref-2", "venue-a", 1), TestContext.Current.CancellationToken);
        await hostA.TryRecordSessionAsync(Session("ref-3", "venue-a", 1), TestContext.Current.CancellationToken);
        await hostA.TryRecordSessionAsync(Session("ref-2", "venue-a", 1), TestContext.Current.CancellationToken); // hostB's, retried here

        var totals = await hostA.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken);
        Assert.Equal((3, 3), (totals.Sessions, totals.Referrals));
    }

    [Fact]
    public async Task TryRecordSessionAsync_FirstSessionRecordedAfterTheSecond_CountsTheReferralOnce()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 2), TestContext.Current.CancellationToken);

        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);

        var totals = await store.GetVenueOutcomesAsync("venue-a", TestContext.Current.CancellationToken);
        Assert.Equal((2, 1), (totals.Sessions, totals.Referrals));
    }
}
