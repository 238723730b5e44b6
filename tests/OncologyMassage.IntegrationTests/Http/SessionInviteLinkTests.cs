using System.Net;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>GET api/calendar/{token}: the booked session's invite behind a signed link (docs/calendar.md).</summary>
public sealed class SessionInviteLinkTests(SharedHost shared) : IClassFixture<SharedHost>
{
    /// <summary>Which half hour after 15:00 the next test books, so tests on the shared host never book the same slot.</summary>
    private static int nextSlot;

    private readonly TestHost host = shared.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A referral with session 1 booked three days ahead at the demo infusion center, in a half hour no other test of the
    /// class books; the referral id and the slot.
    /// </summary>
    private async Task<(string Id, Slot Slot)> BookedAsync()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(15), TimeSpan.Zero).AddMinutes(30 * Interlocked.Increment(ref nextSlot));
        var slot = new Slot(DemoVenues.HarborInfusionCenter, "maya-chen", start, start.AddMinutes(30));
        Assert.True(await host.App.Services.GetRequiredService<IBookingStore>().TryBookAsync(slot, id, Ct));
        return (id, slot);
    }

    private string Link(string id, int session, DateTimeOffset startsAt) =>
        host.App.Services.GetRequiredService<SessionInvites>().Link(id, session, startsAt).PathAndQuery.TrimStart('/');

    [Fact]
    public async Task GetSessionInvite_BookedSession_ServesTheRequestInTheVenueZoneWithPhoneAndDirections()
    {
        var (id, slot) = await BookedAsync();

        using var response = await host.Http.GetAsync(Link(id, 1, slot.StartsAt), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/calendar", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
        var session = Assert.Single(calendar.Events);
        Assert.Equal(("REQUEST", $"session-1.{id}@om.example", "America/New_York"), (calendar.Method, session.Uid, session.DtStart!.TzId));
        Assert.Equal((slot.StartsAt.UtcDateTime, slot.EndsAt.UtcDateTime), (session.DtStart.AsUtc, session.DtEnd!.AsUtc));
        Assert.Equal("Appointment at Harbor Infusion Center", session.Summary);
        Assert.Contains("+16175550123", session.Description, StringComparison.Ordinal);
        Assert.Contains("east elevators", session.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSessionInvite_BookingReleased_ServesTheCancellationOfTheSameEvent()
    {
        var (id, slot) = await BookedAsync();
        await host.App.Services.GetRequiredService<IBookingStore>().ReleaseAsync(slot.VenueId, id, Ct);

        using var response = await host.Http.GetAsync(Link(id, 1, slot.StartsAt), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
        var session = Assert.Single(calendar.Events);
        Assert.Equal(("CANCEL", "CANCELLED", $"session-1.{id}@om.example", 1), (calendar.Method, session.Status, session.Uid, session.Sequence));
    }

    [Fact]
    public async Task GetSessionInvite_TamperedLink_Returns404()
    {
        var (id, slot) = await BookedAsync();

        using var response = await host.Http.GetAsync(ClientLinks.Tampered(Link(id, 1, slot.StartsAt)), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetSessionInvite_ExpiredLink_Returns410()
    {
        var (id, slot) = await BookedAsync();
        var subject = FormattableString.Invariant($"session-1-{slot.StartsAt.UtcDateTime:yyyyMMddTHHmm}Z");

        using var response = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Calendar, id, TimeSpan.FromMinutes(-1), subject), Ct);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task GetSessionInvite_AnotherPurposesLink_Returns404()
    {
        var (id, _) = await BookedAsync();

        using var response = await host.Http.GetAsync(ClientLinks.Link(host, LinkPurposes.Survey, id, subject: "sms24h-1").Replace("api/survey/", "api/calendar/", StringComparison.Ordinal), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetSessionInvite_SessionAlreadyGiven_Returns410()
    {
        var (id, slot) = await BookedAsync();
        await host.App.Services.GetRequiredService<ISessionStore>().TryRecordSessionAsync(new SessionRecord(id, slot.VenueId, 1, DateTimeOffset.UtcNow, "maya-chen", 2, [], "Supine",
            new SymptomRatings(pain: 4), new SymptomRatings(pain: 2), null, null), Ct);

        using var response = await host.Http.GetAsync(Link(id, 1, slot.StartsAt), Ct);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }
}
