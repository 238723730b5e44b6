using Microsoft.Extensions.DependencyInjection;
using Moq;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// A coordinator's move of a booked session always reaches the workflow, and reaches it once, on the real engine. Before, a
/// host that stopped between booking the new slot and raising the move left the workflow at the old time, and the
/// coordinator's retry was refused (409: the session was already at that slot). The move now goes through
/// <see cref="AnswerRelay"/>: the retry finishes the first request's raise, the sweep raises it when nobody retries, and the
/// orchestration hears a move to the slot it is at already only once. The client's "session moved" text is the witness.
/// </summary>
public sealed class RescheduleDeliveryTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["PendingEvents:SettleAfter"] = "00:00:00",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reschedule_RaiseFailsAfterBooking_RetryDeliversItOnce()
    {
        await using var host = await TestHost.StartAsync(azurite, Settings);
        var (journey, id, referral) = await AtSessionScheduledAsync(host);
        var slot = await NewSlotAsync(host, journey, id);
        var stopped = StoppedBeforeRaising(host);
        var actions = host.App.Services.GetRequiredService<ReferralActions>();

        var first = await stopped.RescheduleAsync(Coordinator(journey), referral, slot, null, Ct);
        var retry = await actions.RescheduleAsync(Coordinator(journey), referral, slot, null, Ct);

        Assert.Equal((ActionOutcome.Done, ActionOutcome.Done), (first, retry)); // the retry is not refused as "already there"
        await journey.Actors.MessageAsync(id, ":booked:1:1", Ct);
        Assert.Equal(0, await host.App.Services.GetRequiredService<PendingEventSweep>().SweepAsync(Ct)); // delivered: nothing left
        Assert.Equal(ActionOutcome.Conflict, await actions.RescheduleAsync(Coordinator(journey), referral, slot, null, Ct)); // now truly there
        await AssertMovedOnceAsync(host, journey, id);
    }

    [Fact]
    public async Task Reschedule_RaiseFailsAndNobodyRetries_SweepDeliversIt()
    {
        await using var host = await TestHost.StartAsync(azurite, Settings);
        var (journey, id, referral) = await AtSessionScheduledAsync(host);
        var slot = await NewSlotAsync(host, journey, id);
        var stopped = StoppedBeforeRaising(host);

        Assert.Equal(ActionOutcome.Done, await stopped.RescheduleAsync(Coordinator(journey), referral, slot, null, Ct));
        Assert.Equal(1, await host.App.Services.GetRequiredService<PendingEventSweep>().SweepAsync(Ct));

        await journey.Actors.MessageAsync(id, ":booked:1:1", Ct);
        Assert.Contains(await Journey.TimelineAsync(host, id), e => e.Detail.Contains("moved to", StringComparison.Ordinal)
            && e.Detail.Contains(StoredAnswers.RescheduledByCoordinator, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reschedule_RaisedAgainBySweepAfterDelivery_ClientToldOnce()
    {
        await using var host = await TestHost.StartAsync(azurite, Settings);
        var (journey, id, referral) = await AtSessionScheduledAsync(host);
        var slotId = await NewSlotAsync(host, journey, id);
        Assert.Equal(ActionOutcome.Done, await host.App.Services.GetRequiredService<ReferralActions>().RescheduleAsync(Coordinator(journey), referral, slotId, null, Ct));
        await journey.Actors.MessageAsync(id, ":booked:1:1", Ct);

        // A host that stopped after raising but before deleting the pending row: the sweep raises the same move again.
        var slot = (await host.App.Services.GetRequiredService<SlotOffers>().FindOfferedAsync(journey.VenueId, slotId, DateTimeOffset.UtcNow, Ct))!;
        var again = StoredAnswers.OfReschedule(slot, StoredAnswers.RescheduledByCoordinator);
        await host.App.Services.GetRequiredService<IReferralWorkflowClient>().RaiseEventAsync(id, again.Name, again.Payload, Ct);

        await AssertMovedOnceAsync(host, journey, id);
    }

    /// <summary>Records the session (so the orchestration has handled every move raised before it) and checks one move was sent.</summary>
    private static async Task AssertMovedOnceAsync(TestHost host, Journey journey, string id)
    {
        await Journey.RecordSessionAsync(journey.Coordinator, id);
        await Journey.ReachAsync(host, id, Domain.Referrals.Stage.SessionCompleted);
        var keys = (await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct)).Select(m => m.IdempotencyKey[(id.Length + 1)..]).ToArray();
        Assert.Single(keys, k => k == "booked:1:1");
        Assert.DoesNotContain("booked:1:2", keys);
    }

    private static async Task<(Journey Journey, string Id, ReferralRecord Referral)> AtSessionScheduledAsync(TestHost host)
    {
        var journey = await Journey.StartAsync(host);
        var id = await journey.SubmitAsync();
        await Journey.UpToSessionScheduledAsync(host, journey.Actors, id);
        return (journey, id, (await host.App.Services.GetRequiredService<IReferralStore>().GetAsync(id, Ct))!);
    }

    /// <summary>The coordinator's actions on a host that stops after storing, before the raise reaches the engine.</summary>
    internal static ReferralActions StoppedBeforeRaising(TestHost host)
    {
        var failing = new Mock<IReferralWorkflowClient>(MockBehavior.Strict);
        failing.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("the host stopped"));
        return ActivatorUtilities.CreateInstance<ReferralActions>(host.App.Services, ActivatorUtilities.CreateInstance<AnswerRelay>(host.App.Services, failing.Object));
    }

    /// <summary>An offered slot other than the booked one.</summary>
    private static async Task<string> NewSlotAsync(TestHost host, Journey journey, string id)
    {
        var booked = (await host.App.Services.GetRequiredService<IBookingStore>().FindAsync(journey.VenueId, id, Ct))!.Slot.Id;
        var offered = await host.App.Services.GetRequiredService<SlotOffers>().OfferAsync(journey.VenueId, DateTimeOffset.UtcNow, 3, Ct);
        return offered.Select(s => s.Id).First(s => s != booked);
    }

    private static CoordinatorCaller Coordinator(Journey journey) => new("coordinator-1", "Test Coordinator", [journey.VenueId]);
}
