using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// A recorded session always reaches the workflow (the crash suite's long mode found one that never did): the session is
/// stored first and then raised, through <see cref="AnswerRelay"/> like the people's answers. Two ways it was lost before,
/// each on the real engine: the raise fails after the store (the host stopped in between; the pending-event sweep raises
/// it), and the insert's answer is lost so that its retry finds the session already there (the same session: delivered,
/// not refused as a conflict). The +24 h text after the session shows the workflow heard it.
/// </summary>
public sealed class RecordedSessionDeliveryTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Workflow:FirstFollowUpAfter"] = "00:00:01",
        ["PendingEvents:SettleAfter"] = "00:00:00",
    };

    private static readonly SessionInput Session = new(2, ["chest:right"], "supine",
        new RatingsInput(4, 6, 2, 7), new RatingsInput(2, 3, 1, 5), "none", null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordSession_InsertRetryFindsItsOwnRow_DeliveredNotRefused()
    {
        await using var host = await TestHost.StartAsync(azurite, Settings);
        var (journey, id) = await AtSessionScheduledAsync(host);
        var actions = ActivatorUtilities.CreateInstance<ReferralActions>(host.App.Services,
            new OwnRowOnRetry(host.App.Services.GetRequiredService<ISessionStore>()));

        var (outcome, number) = await actions.RecordSessionAsync(Therapist(journey), await ReferralAsync(host, id), Session, Ct);

        Assert.Equal((ActionOutcome.Done, 1), (outcome, number));
        await journey.Actors.MessageAsync(id, ":sms24h-1", Ct);
        Assert.Single(await host.App.Services.GetRequiredService<ISessionStore>().ListSessionsAsync(id, Ct));
    }

    [Fact]
    public async Task RecordSession_RaiseFailsAfterStoring_SweepDelivers()
    {
        await using var host = await TestHost.StartAsync(azurite, Settings);
        var (journey, id) = await AtSessionScheduledAsync(host);
        var actions = RescheduleDeliveryTests.StoppedBeforeRaising(host);

        var (outcome, _) = await actions.RecordSessionAsync(Therapist(journey), await ReferralAsync(host, id), Session, Ct);

        Assert.Equal(ActionOutcome.Done, outcome); // stored: the therapist is not asked to record it again
        Assert.Contains(await host.App.Services.GetRequiredService<IPendingEventStore>().ListAsync(Ct),
            p => p.Answer == new AnswerRef(id, AnswerKind.Session, "1"));
        Assert.Equal(1, await host.App.Services.GetRequiredService<PendingEventSweep>().SweepAsync(Ct));
        await journey.Actors.MessageAsync(id, ":sms24h-1", Ct);
    }

    private static async Task<(Journey Journey, string Id)> AtSessionScheduledAsync(TestHost host)
    {
        var journey = await Journey.StartAsync(host);
        var id = await journey.SubmitAsync();
        await Journey.UpToSessionScheduledAsync(host, journey.Actors, id);
        return (journey, id);
    }

    private static CoordinatorCaller Therapist(Journey journey) => new("therapist-1", "Test Therapist", [journey.VenueId]);

    private static async Task<ReferralRecord> ReferralAsync(TestHost host, string id) =>
        (await host.App.Services.GetRequiredService<IReferralStore>().GetAsync(id, Ct))!;

    /// <summary>Stores the session, then answers as a retried insert does when the first try's answer was lost: already there.</summary>
    private sealed class OwnRowOnRetry(ISessionStore inner) : ISessionStore
    {
        public async Task<bool> TryRecordSessionAsync(SessionRecord record, CancellationToken cancellationToken)
        {
            await inner.TryRecordSessionAsync(record, cancellationToken);
            return false;
        }

        public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string referralId, CancellationToken cancellationToken) =>
            inner.ListSessionsAsync(referralId, cancellationToken);

        public Task<Domain.Outcomes.OutcomeTotals> GetVenueOutcomesAsync(string venueId, CancellationToken cancellationToken) =>
            inner.GetVenueOutcomesAsync(venueId, cancellationToken);

        public Task<bool> RecordFollowUpAsync(FollowUpRecord record, string? venueId, CancellationToken cancellationToken) =>
            inner.RecordFollowUpAsync(record, venueId, cancellationToken);

        public Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string referralId, CancellationToken cancellationToken) =>
            inner.ListFollowUpsAsync(referralId, cancellationToken);
    }
}
