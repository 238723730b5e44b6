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
    public async Task TryRecordSessionAsync_New_ListsItForTheReferralAndTheVenue()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));

        var stored = await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);

        Assert.True(stored);
        var read = Assert.Single(await store.ListSessionsAsync("ref-1", TestContext.Current.CancellationToken));
        Assert.Equal(Session("ref-1", "venue-a", 1).Pre, read.Pre);
        Assert.Equal(["left arm", "right chest"], read.SitesAvoided);
        Assert.Equal(1, Assert.Single(await store.ListVenueSessionsAsync("venue-a", TestContext.Current.CancellationToken)).SessionNumber);
    }

    [Fact]
    public async Task TryRecordSessionAsync_SameNumberTwice_ReturnsFalseAndKeepsTheFirst()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1, pressure: 2), TestContext.Current.CancellationToken);

        var second = await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1, pressure: 3), TestContext.Current.CancellationToken);

        Assert.False(second);
        Assert.Equal(2, Assert.Single(await store.ListSessionsAsync("ref-1", TestContext.Current.CancellationToken)).PressureUsed);
        Assert.Equal(2, Assert.Single(await store.ListVenueSessionsAsync("venue-a", TestContext.Current.CancellationToken)).PressureUsed);
    }

    [Fact]
    public async Task ListVenueSessionsAsync_SeveralVenues_ReturnsOnlyThatVenuesSessionsInOrder()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        await store.TryRecordSessionAsync(Session("ref-2", "venue-a", 1), TestContext.Current.CancellationToken);
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 2), TestContext.Current.CancellationToken);
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);
        await store.TryRecordSessionAsync(Session("ref-3", "venue-b", 1), TestContext.Current.CancellationToken);

        var sessions = await store.ListVenueSessionsAsync("venue-a", TestContext.Current.CancellationToken);

        Assert.Equal(["ref-1:1", "ref-1:2", "ref-2:1"], sessions.Select(s => $"{s.ReferralId}:{s.SessionNumber}"));
    }

    [Fact]
    public async Task RecordFollowUpAsync_RepliedAndNoReply_ListsBothAsGivenAndNotSessions()
    {
        var store = new TableSessionStore(StoreFactory.Tables(azurite));
        await store.TryRecordSessionAsync(Session("ref-1", "venue-a", 1), TestContext.Current.CancellationToken);
        var replied = new FollowUpRecord("ref-1", "survey-1", 1, FollowUpKind.Email7Days, true, At,
            [new FollowUpRating("ref-1", "survey-1", At, FollowUpItem.Pain, 2)], "Arm a bit swollen", RedFlagLevel.SameDay);
        var silent = new FollowUpRecord("ref-1", "sms24-1", 1, FollowUpKind.Sms24Hours, false, At, [], null, RedFlagLevel.None);

        await store.RecordFollowUpAsync(replied, TestContext.Current.CancellationToken);
        await store.RecordFollowUpAsync(silent, TestContext.Current.CancellationToken);
        await store.RecordFollowUpAsync(replied with { Text = "changed" }, TestContext.Current.CancellationToken);

        var list = await store.ListFollowUpsAsync("ref-1", TestContext.Current.CancellationToken);
        Assert.Equal(["sms24-1", "survey-1"], list.Select(f => f.FollowUpId));
        Assert.Equal(("Arm a bit swollen", RedFlagLevel.SameDay, 2), (list[1].Text, list[1].RedFlag, list[1].Ratings.Single().Score));
        Assert.Equal((false, 0), (list[0].Replied, list[0].Ratings.Count));
        Assert.Single(await store.ListSessionsAsync("ref-1", TestContext.Current.CancellationToken));
    }
}
