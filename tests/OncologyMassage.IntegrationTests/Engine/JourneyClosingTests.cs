using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Workflow.Ports;
using Ical.Net;
using OncologyMassage.Workflow.Links;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using static OncologyMassage.IntegrationTests.Engine.Journey;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// Journeys that end before completion on the real engine: a coordinator cancels (a late slot reply books nothing, the
/// texted client's calendar link then serves the cancellation), the client withdraws consent (the slot is freed; a reason
/// that reports vomiting still raises a same-day flag).
/// </summary>
public sealed class JourneyClosingTests(AzuriteFixture azurite, FastJourneyHost fast)
{
    private static async Task<Calendar> InviteAsync(TestHost host, string link)
    {
        using var response = await host.Http.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
    }

    [Fact]
    public async Task Journey_CancelledWhileScheduling_ClosesAndALateSlotReplyBooksNothing()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, therapist) = journey;
        var id = await journey.SubmitAsync();
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        await ReachAsync(host, id, Stage.SchedulingPending);

        using var cancel = await therapist.PostAsync($"api/referrals/{id}/cancel", JsonContent.Create(new { reason = "Client moved away" }), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        var state = await ReachAsync(host, id, Stage.Cancelled);
        // The reason is free text: the coordinator's action puts it on the timeline, never through the engine's history.
        Assert.DoesNotContain("Client moved away", state.ClosedReason, StringComparison.Ordinal);
        Assert.Contains(await host.TimelineRowsAsync(id), row => row.Any(p => p.Value is string v && v.Contains("Client moved away", StringComparison.Ordinal)));
        // The engine's signal that nothing is left to run: the journey has completed, so no step can book after this.
        await host.Durable.WaitForInstanceCompletionAsync(id, Ct);
        using var late = await actors.ReplyToTextAsync(id, ":slots:1:1", "1", Ct); // answered once the webhook has done its part
        Assert.Empty(await host.RowsAsync(StorageTables.Bookings, journey.VenueId)); // the venue is this test's alone: nothing booked there
    }

    [Fact]
    public async Task Journey_ConsentWithdrawnAfterBooking_ClosesAsWithdrawnAndFreesTheSlot()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, _) = journey;
        var id = await journey.SubmitAsync();
        await UpToSessionScheduledAsync(host, actors, id);
        Assert.NotEmpty(await host.RowsAsync(StorageTables.Bookings, journey.VenueId));

        Ok(await actors.WithdrawConsentAsync(id, "Changed my mind", Ct));

        var state = await ReachAsync(host, id, Stage.Withdrawn);
        Assert.Contains("withdrew consent", state.ClosedReason, StringComparison.Ordinal);
        var booking = await host.App.Services.GetRequiredService<IBookingStore>().FindAsync(state.VenueId, id, Ct);
        Assert.Null(booking);
    }

    [Fact]
    public async Task Journey_TextedClientBooksThenIsCancelled_CalendarLinkServesTheInviteThenItsCancellation()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, coordinator) = journey;
        var id = await journey.SubmitAsync();
        await UpToSessionScheduledAsync(host, actors, id);

        var confirmation = await actors.MessageAsync(id, ":booked:1", Ct);
        Assert.Contains("Questions? Call +16175550123.", confirmation.Body, StringComparison.Ordinal); // the demo venue's front desk
        var link = ReferralActors.LinkIn(confirmation, LinkPurposes.Calendar);
        var booked = await InviteAsync(host, link);

        using var cancel = await coordinator.PostAsync($"api/referrals/{id}/cancel", JsonContent.Create(new { reason = "Client moved away" }), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await ReachAsync(host, id, Stage.Cancelled);
        var cancelled = await InviteAsync(host, link);
        var text = await actors.MessageAsync(id, ":booking-cancelled:1", Ct); // a texted client is told, not only their link
        Assert.Contains("is cancelled. Call +16175550123", text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Client moved away", text.Body, StringComparison.Ordinal);

        var (request, withdrawn) = (Assert.Single(booked.Events), Assert.Single(cancelled.Events));
        Assert.Equal(("REQUEST", "CANCEL"), (booked.Method, cancelled.Method));
        Assert.Equal(request.Uid, withdrawn.Uid);
        Assert.Equal(("America/New_York", request.DtStart!.AsUtc), (withdrawn.DtStart!.TzId, withdrawn.DtStart.AsUtc));
        Assert.True(withdrawn.Sequence > request.Sequence);
    }

    [Fact]
    public async Task Journey_WithdrawalReasonReportsVomiting_SameDayFlagAndStillWithdrawn()
    {
        var journey = await fast.JourneyAsync(azurite);
        var (host, actors, _) = journey;
        var id = await journey.SubmitAsync();
        await UpToSessionScheduledAsync(host, actors, id);

        Ok(await actors.WithdrawConsentAsync(id, "Too unwell, I keep throwing up since the last cycle", Ct));

        await ReachAsync(host, id, Stage.Withdrawn);
        await actors.MessageAsync(id, k => k.StartsWith(id + ":flag:", StringComparison.Ordinal) && k.EndsWith(":Coordinator:0", StringComparison.Ordinal),
            "the coordinator alert of the withdrawal's red flag", Ct);
        Assert.Contains(await TimelineAsync(host, id), e => e.Kind == TimelineKind.RedFlag && e.Detail.Contains("withdrawing consent", StringComparison.Ordinal));
    }
}
