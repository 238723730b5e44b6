using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// A coordinator moves a booked session, on the real engine (issue 17 item 4, docs/calendar.md): the client gets each new
/// time once, at the next invite revision; a calendar link sent before the move serves the new time, never a cancellation.
/// </summary>
public sealed class RescheduleTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reschedule_BookedTwiceMovedThenRecorded_SendsRevisionsZeroOneTwoAndOldLinksServeTheNewTime()
    {
        var (id, actors, coordinator) = await UpToSessionScheduledAsync();
        var bookings = host.App.Services.GetRequiredService<IBookingStore>();
        var first = (await bookings.FindAsync(CoordinatorHost.Harbor, id, Ct))!.Slot;
        var link0 = ReferralActors.LinkIn(await actors.MessageAsync(id, ":booked:1", Ct), LinkPurposes.Calendar);

        var slots = await SlotsAsync(coordinator, id);
        Assert.Equal(HttpStatusCode.Accepted, await RescheduleAsync(coordinator, id, slots[0], "Therapist ill"));
        var moved1 = await actors.MessageAsync(id, ":booked:1:1", Ct);
        Assert.Equal(HttpStatusCode.Accepted, await RescheduleAsync(coordinator, id, slots[1], null));
        var moved2 = await actors.MessageAsync(id, ":booked:1:2", Ct);

        // The first slot is free again (offered to others); the referral holds only the newest one.
        Assert.Equal(slots[1], (await bookings.FindAsync(CoordinatorHost.Harbor, id, Ct))!.Slot.Id);
        Assert.Contains(first.Id, await SlotsAsync(coordinator, id));
        Assert.Contains("has moved to", moved1.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Therapist ill", moved1.Body, StringComparison.Ordinal);

        var (invite0, invite1, invite2) = (await InviteAsync(link0), await InviteAsync(ReferralActors.LinkIn(moved1, LinkPurposes.Calendar)),
            await InviteAsync(ReferralActors.LinkIn(moved2, LinkPurposes.Calendar)));
        // Every revision shares one UID, so an old link must not serve a CANCEL (it would take the moved session off the
        // calendar): each link serves the booking as it now stands, at the newest revision.
        Assert.Equal(("REQUEST", "REQUEST", "REQUEST"), (invite0.Method, invite1.Method, invite2.Method));
        var (e0, e1, e2) = (Assert.Single(invite0.Events), Assert.Single(invite1.Events), Assert.Single(invite2.Events));
        Assert.Equal((2, 2, 2), (e0.Sequence, e1.Sequence, e2.Sequence));
        Assert.Equal([e0.Uid, e0.Uid], new[] { e1.Uid, e2.Uid });
        var newest = (await bookings.FindAsync(CoordinatorHost.Harbor, id, Ct))!.Slot.StartsAt.UtcDateTime;
        Assert.Equal([newest, newest, newest], new[] { e0.DtStart!.AsUtc, e1.DtStart!.AsUtc, e2.DtStart!.AsUtc });

        await RecordSessionAsync(coordinator, id);
        await Eventually.UntilAsync(() => host.App.Services.GetRequiredService<IReferralStore>().GetAsync(id, Ct),
            r => r?.Stage is not (null or Stage.SessionScheduled), $"{id} past SessionScheduled");
        var confirmations = (await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct))
            .Select(m => m.IdempotencyKey[(id.Length + 1)..])
            .Where(k => SessionInvites.TryParseConfirmationKey(k, out _, out _))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["booked:1", "booked:1:1", "booked:1:2"], confirmations);
        Assert.Equal(HttpStatusCode.Conflict, await RescheduleAsync(coordinator, id, slots[2], null)); // recorded: nothing left to move
    }

    [Fact]
    public async Task Reschedule_ToASlotAnotherReferralHolds_Is409AndChangesNothing()
    {
        var (id, _, coordinator) = await UpToSessionScheduledAsync();
        var bookings = host.App.Services.GetRequiredService<IBookingStore>();
        var before = (await bookings.FindAsync(CoordinatorHost.Harbor, id, Ct))!.Slot;
        var taken = (await SlotsAsync(coordinator, id))[0];
        var slot = (await host.App.Services.GetRequiredService<SlotOffers>().FindOfferedAsync(CoordinatorHost.Harbor, taken, DateTimeOffset.UtcNow, Ct))!;
        var other = "other-" + id;
        Assert.True(await bookings.TryBookAsync(slot, other, Ct));
        try
        {
            using var response = await coordinator.PostAsync($"api/referrals/{id}/reschedule", JsonContent.Create(new { slotId = taken }), Ct);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, (await bookings.FindAsync(CoordinatorHost.Harbor, id, Ct))!.Slot);
            Assert.Equal(other, (await bookings.FindAsync(CoordinatorHost.Harbor, other, Ct))!.ReferralId);
            Assert.DoesNotContain(await host.App.Services.GetRequiredService<IMessageOutbox>().ListAsync(id, Ct),
                m => m.IdempotencyKey.EndsWith(":booked:1:1", StringComparison.Ordinal));
            Assert.DoesNotContain(await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct),
                e => e.Detail.Contains("moved", StringComparison.Ordinal));
            Assert.DoesNotContain(await host.App.Services.GetRequiredService<IPendingEventStore>().ListAsync(Ct), p => p.Answer.ReferralId == id);
        }
        finally
        {
            await bookings.ReleaseAsync(CoordinatorHost.Harbor, other, Ct);
        }
    }

    [Fact]
    public async Task Reschedule_BeforeAnythingIsBooked_Is409()
    {
        var id = await host.SubmitAsync();
        var coordinator = await host.SignInAsync(CoordinatorHost.HarborCoordinator);

        using var response = await coordinator.PostAsync($"api/referrals/{id}/reschedule", JsonContent.Create(new { slotId = "maya|20300101T1500Z" }), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private async Task<(string Id, ReferralActors Actors, HttpClient Coordinator)> UpToSessionScheduledAsync()
    {
        var coordinator = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        var actors = new ReferralActors(new HttpClient { BaseAddress = host.Http.BaseAddress }, host.App.Services.GetRequiredService<IMessageOutbox>(), phone: coordinator);
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["sessionsAuthorised"] = 1));
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await host.WaitForStageAsync(id, Stage.SessionScheduled);
        return (id, actors, coordinator);
    }

    private static async Task<string[]> SlotsAsync(HttpClient coordinator, string id) =>
        (await coordinator.GetFromJsonAsync<JsonElement[]>($"api/referrals/{id}/slots", Ct))!.Select(s => s.GetProperty("slotId").GetString()!).ToArray();

    private static async Task<HttpStatusCode> RescheduleAsync(HttpClient coordinator, string id, string slotId, string? reason)
    {
        using var response = await coordinator.PostAsync($"api/referrals/{id}/reschedule", JsonContent.Create(new { slotId, reason }), Ct);
        return response.StatusCode;
    }

    private static async Task RecordSessionAsync(HttpClient coordinator, string id)
    {
        using var response = await coordinator.PostAsync($"api/referrals/{id}/sessions", JsonContent.Create(new
        {
            pressureUsed = 2,
            sitesAvoided = Array.Empty<string>(),
            position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 },
            post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
            reactions = "none",
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<Calendar> InviteAsync(string link)
    {
        using var response = await host.Http.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }
}
