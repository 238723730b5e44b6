using System.Net;
using System.Net.Http.Json;
using Ical.Net;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>The calendar link a texted client gets with the booking confirmation, on the real engine (issue 17 item 4).</summary>
public sealed partial class ReferralJourneyTests
{
    [Fact]
    public async Task Journey_TextedClientBooksThenIsCancelled_CalendarLinkServesTheInviteThenItsCancellation()
    {
        var (host, actors, coordinator) = await StartAsync(azurite);
        await using var _ = host;
        var id = await SubmitAsync(host);
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

    private static async Task<Calendar> InviteAsync(TestHost host, string link)
    {
        using var response = await host.Http.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
    }
}
