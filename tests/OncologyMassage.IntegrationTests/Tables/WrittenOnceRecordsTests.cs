using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// Intakes, replies, sessions and follow-up results, never changed once stored, are read from the copy of the host that stored or read them (issue #16
/// item 4b: the activities after an answer read what its request stored a moment before), on real Table Storage with every
/// request counted; erasure forgets them, a record not stored yet is never remembered as missing.
/// </summary>
public sealed class WrittenOnceRecordsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TableRequestCount requests = new();
    private readonly string prefix = "w" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageTables Tables(bool counted) => TableRequestCount.Tables(azurite, prefix, counted ? requests : null);

    private static WrittenOnceRecords Remembered(TimeSpan? lifetime = null) => new(lifetime ?? TimeSpan.FromMinutes(1), TimeProvider.System);

    private static IntakeRecord Intake(string referralId) => new(referralId, new Intake
    {
        CompletedOn = new DateOnly(2026, 11, 25),
        CancerType = "Breast cancer",
        Symptoms = new IntakeSymptoms(Pain: 3, Fatigue: 6),
        PositionsThatHurt = [Position.Prone],
    }, At);

    [Fact]
    public async Task GetAsync_IntakeThisHostStored_AnswersWithoutARead()
    {
        var store = new TableIntakeStore(Tables(counted: true), Remembered());
        var intake = Intake("ref-1");
        Assert.True(await store.TryRecordAsync(intake, Ct));

        requests.Clear();
        var first = await store.GetAsync("ref-1", Ct);
        var second = await store.GetAsync("ref-1", Ct);

        Assert.Equal(0, requests.Of(StorageTables.Intakes));
        Assert.Equal(intake.Intake.CancerType, first!.Intake.CancerType);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task GetAsync_ReplyStoredByAnotherHost_ReadOnceThenRemembered()
    {
        await new TableReplyStore(Tables(counted: false), Remembered()).TryRecordAsync(new ReplyRecord("ref-2", "SM1", ReplyChannel.Sms, "7 of 10", At), Ct);
        var here = new TableReplyStore(Tables(counted: true), Remembered());

        var first = await here.GetAsync("ref-2", "SM1", Ct);
        var second = await here.GetAsync("ref-2", "SM1", Ct);

        Assert.Equal(1, requests.Of("GET", StorageTables.Replies));
        Assert.Equal(("7 of 10", "7 of 10"), (first!.Text, second!.Text));
    }

    [Fact]
    public async Task GetSessionAsync_SessionAndSurveyThisHostStored_AnswersWithoutARead()
    {
        var store = new TableSessionStore(Tables(counted: true), Remembered());
        var session = new SessionRecord("ref-9", "venue-a", 1, At, "therapist-1", 2, [], "Supine", new SymptomRatings(pain: 4), new SymptomRatings(pain: 2), "none", null);
        var survey = new FollowUpRecord("ref-9", "survey-1", 1, FollowUpKind.Email7Days, true, At, [], "Sleeping better", RedFlagLevel.None);
        Assert.True(await store.TryRecordSessionAsync(session, Ct));
        Assert.True(await store.RecordFollowUpAsync(survey, null, Ct));

        requests.Clear();
        var (readSession, readSurvey) = (await store.GetSessionAsync("ref-9", 1, Ct), await store.GetFollowUpAsync("ref-9", "survey-1", Ct));

        Assert.Equal(0, requests.Of(StorageTables.Sessions));
        Assert.Equal(("none", "Sleeping better"), (readSession?.Reactions, readSurvey?.Text));
    }

    [Fact]
    public async Task GetSessionAsync_StoredByAnotherHost_ReadOnceThenRemembered()
    {
        var session = new SessionRecord("ref-10", "venue-a", 1, At, "therapist-1", 2, [], "Supine", new SymptomRatings(pain: 4), new SymptomRatings(pain: 2), "none", null);
        await new TableSessionStore(Tables(counted: false), Remembered()).TryRecordSessionAsync(session, Ct);
        var here = new TableSessionStore(Tables(counted: true), Remembered());

        await here.GetSessionAsync("ref-10", 1, Ct);
        await here.GetSessionAsync("ref-10", 1, Ct);

        Assert.Equal(1, requests.Of("GET", StorageTables.Sessions));
    }

    [Fact]
    public async Task GetAsync_NotStoredWhenFirstAsked_IsReadAgainAndFoundOnceStored()
    {
        var here = new TableReplyStore(Tables(counted: true), Remembered());
        Assert.Null(await here.GetAsync("ref-3", "SM9", Ct));

        await new TableReplyStore(Tables(counted: false)).TryRecordAsync(new ReplyRecord("ref-3", "SM9", ReplyChannel.Sms, "2", At), Ct);

        Assert.Equal("2", (await here.GetAsync("ref-3", "SM9", Ct))?.Text);
        Assert.Equal(2, requests.Of("GET", StorageTables.Replies));
    }

    [Fact]
    public async Task EraseRowsAsync_OnTheHostThatRemembers_ItsIntakeAndRepliesAreGoneThere()
    {
        var tables = Tables(counted: false);
        var remembered = Remembered();
        var intakes = new TableIntakeStore(tables, remembered);
        var replies = new TableReplyStore(tables, remembered);
        await intakes.TryRecordAsync(Intake("ref-4"), Ct);
        await replies.TryRecordAsync(new ReplyRecord("ref-4", "SM4", ReplyChannel.Sms, "my arm is swollen", At), Ct);
        await intakes.TryRecordAsync(Intake("ref-5"), Ct);

        await new TableReferralData(tables, new PipelineBoard(tables), writtenOnce: remembered).EraseRowsAsync("ref-4", Ct);

        Assert.Null(await intakes.GetAsync("ref-4", Ct));
        Assert.Null(await replies.GetAsync("ref-4", "SM4", Ct));
        Assert.NotNull(await intakes.GetAsync("ref-5", Ct));
    }

    [Fact]
    public async Task DeleteAsync_ThroughTheStore_ForgetsItsCopy()
    {
        var store = new TableIntakeStore(Tables(counted: false), Remembered());
        await store.TryRecordAsync(Intake("ref-6"), Ct);

        await store.DeleteAsync("ref-6", Ct);

        Assert.Null(await store.GetAsync("ref-6", Ct));
    }

    [Fact]
    public async Task GetAsync_ZeroLifetime_ReadsEveryTime()
    {
        var store = new TableIntakeStore(Tables(counted: true), Remembered(TimeSpan.Zero));
        await store.TryRecordAsync(Intake("ref-7"), Ct);

        requests.Clear();
        await store.GetAsync("ref-7", Ct);
        await store.GetAsync("ref-7", Ct);

        Assert.Equal(2, requests.Of("GET", StorageTables.Intakes));
    }

    [Fact]
    public async Task AddOncologyMassage_IntakeAndReplyStoresAndErasure_ShareTheHostsCopies()
    {
        using var stub = WireMock.Server.WireMockServer.Start();
        await using var services = MessagingServices.Build(azurite, stub, TimeProvider.System);
        var remembered = services.GetRequiredService<WrittenOnceRecords>();
        await services.GetRequiredService<IIntakeStore>().TryRecordAsync(Intake("ref-8"), Ct);
        await services.GetRequiredService<IReplyStore>().TryRecordAsync(new ReplyRecord("ref-8", "SM8", ReplyChannel.Sms, "5", At), Ct);
        await services.GetRequiredService<ISessionStore>().RecordFollowUpAsync(
            new FollowUpRecord("ref-8", "survey-1", 1, FollowUpKind.Email7Days, true, At, [], "fine", RedFlagLevel.None), null, Ct);
        Assert.NotNull(remembered.Get<IntakeRecord>(StorageTables.Intakes, "ref-8", "intake"));
        Assert.NotNull(remembered.Get<FollowUpRecord>(StorageTables.Sessions, "ref-8", "f|survey-1"));
        Assert.NotNull(remembered.Get<ReplyRecord>(StorageTables.Replies, "ref-8", "SM8"));

        await services.GetRequiredService<IReferralDataStore>().EraseRowsAsync("ref-8", Ct);

        Assert.Null(remembered.Get<IntakeRecord>(StorageTables.Intakes, "ref-8", "intake"));
        Assert.Null(remembered.Get<ReplyRecord>(StorageTables.Replies, "ref-8", "SM8"));
        Assert.Null(remembered.Get<FollowUpRecord>(StorageTables.Sessions, "ref-8", "f|survey-1"));
    }
}
