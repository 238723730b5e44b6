using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>Coordinator actions: 202/201 when the stage allows them, 409 when not, 400 for bad bodies; slots; outcomes.</summary>
public sealed class ReferralActionTests(SharedCoordinatorHost shared) : IClassFixture<SharedCoordinatorHost>, IAsyncLifetime
{
    private const string SessionBody =
        """{"pressureUsed":2,"sitesAvoided":["chest:left"],"position":"supine","pre":{"pain":4,"anxiety":6},"post":{"pain":2,"anxiety":3},"reactions":"none"}""";

    private readonly TestHost host = shared.Host;
    private HttpClient coordinator = null!;

    public async ValueTask InitializeAsync()
    {
        coordinator = await host.SignInAsync(HarborCoordinator);
    }

    public ValueTask DisposeAsync()
    {
        coordinator.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        coordinator.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string id) =>
        await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Cancel_OpenReferral_Returns202AndRecordsTheActionOnTheTimeline()
    {
        var id = await host.SubmitAsync();

        using var response = await PostAsync($"api/referrals/{id}/cancel", """{"reason":"Client moved away"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = Assert.Single(await TimelineAsync(id), e => e.Kind == TimelineKind.CoordinatorAction);
        Assert.Equal("Cancelled by Hana Reyes (Harbor Infusion Center): Client moved away", entry.Detail);
        Assert.Contains(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(id, 100, TestContext.Current.CancellationToken), e => e.Action == "CancelReferral");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":""}""")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Cancel_BadBody_Returns400AndWritesNothing(string body)
    {
        var id = await host.SubmitAsync();

        using var response = await PostAsync($"api/referrals/{id}/cancel", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await TimelineAsync(id), e => e.Kind == TimelineKind.CoordinatorAction);
    }

    [Fact]
    public async Task Cancel_ClosedReferral_Returns409()
    {
        var id = await host.SubmitAsync();
        await host.MoveAsync(id, Stage.Declined);

        using var response = await PostAsync($"api/referrals/{id}/cancel", """{"reason":"again"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task ResendRelease_WhileWaitingForTheRelease_Returns202()
    {
        var id = await host.SubmitAsync();

        using var response = await PostAsync($"api/referrals/{id}/release/resend", "{}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(await TimelineAsync(id), e => e.Detail.StartsWith("Release request resent by", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("booking", """{"slotId":"t-1|20300101T0900Z"}""")]
    [InlineData("sessions", SessionBody)]
    public async Task Action_StageDoesNotAllowIt_Returns409AndWritesNothing(string action, string body)
    {
        var id = await host.SubmitAsync(); // MdReleaseRequested: neither booking nor sessions fit

        using var response = await PostAsync($"api/referrals/{id}/{action}", body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(await TimelineAsync(id), e => e.Kind == TimelineKind.CoordinatorAction);
    }

    [Fact]
    public async Task Slots_NotSchedulingPending_Returns409()
    {
        var id = await host.SubmitAsync();

        using var response = await coordinator.GetAsync($"api/referrals/{id}/slots", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Book_AnOfferedSlot_Returns202BooksItAndTheSameSlotIsThen409ForAnotherReferral()
    {
        await host.SeedVenueAsync(Harbor);
        var first = await host.SubmitAsync();
        var second = await host.SubmitAsync();
        await host.MoveAsync(first, Stage.SchedulingPending);
        await host.MoveAsync(second, Stage.SchedulingPending);
        var slots = await coordinator.GetFromJsonAsync<JsonElement>($"api/referrals/{first}/slots", TestContext.Current.CancellationToken);
        var slotId = slots[0].GetProperty("slotId").GetString()!;

        using var booked = await PostAsync($"api/referrals/{first}/booking", JsonSerializer.Serialize(new { slotId }));
        using var taken = await PostAsync($"api/referrals/{second}/booking", JsonSerializer.Serialize(new { slotId }));
        var after = await coordinator.GetFromJsonAsync<JsonElement>($"api/referrals/{second}/slots", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict), (booked.StatusCode, taken.StatusCode));
        var booking = await host.App.Services.GetRequiredService<IBookingStore>().FindAsync(Harbor, first, TestContext.Current.CancellationToken);
        Assert.Equal(slotId, booking?.Slot.Id);
        Assert.DoesNotContain(after.EnumerateArray(), s => s.GetProperty("slotId").GetString() == slotId);
    }

    [Fact]
    public async Task Book_ASlotTheVenueDoesNotOffer_Returns422()
    {
        await host.SeedVenueAsync(Harbor);
        var id = await host.SubmitAsync();
        await host.MoveAsync(id, Stage.SchedulingPending);

        using var response = await PostAsync($"api/referrals/{id}/booking", """{"slotId":"t-1|20300101T0300Z"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Null(await host.App.Services.GetRequiredService<IBookingStore>().FindAsync(Harbor, id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RecordSession_SessionScheduled_Returns201StoresItAndShowsInOutcomes()
    {
        var id = await host.SubmitAsync();
        await host.MoveAsync(id, Stage.SessionScheduled);

        using var response = await PostAsync($"api/referrals/{id}/sessions", SessionBody);
        var outcomes = await coordinator.GetFromJsonAsync<JsonElement>("api/outcomes?venue=" + Harbor, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = Assert.Single(await host.App.Services.GetRequiredService<ISessionStore>().ListSessionsAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal((1, 2, "Supine", "coord-harbor"), (session.SessionNumber, session.PressureUsed, session.Position, session.RecordedBy));
        Assert.Equal(1, outcomes.GetProperty("sessions").GetInt32());
        var pain = outcomes.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("symptom").GetString() == "Pain");
        Assert.Equal((1, -2.0), (pain.GetProperty("n").GetInt32(), pain.GetProperty("meanChange").GetDouble()));
        var nausea = outcomes.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("symptom").GetString() == "Nausea");
        Assert.Equal((0, JsonValueKind.Null), (nausea.GetProperty("n").GetInt32(), nausea.GetProperty("meanChange").ValueKind));
    }

    [Theory]
    [InlineData("""{"pressureUsed":7,"position":"supine","pre":{},"post":{}}""")]
    [InlineData("""{"pressureUsed":2,"position":"upside-down","pre":{},"post":{}}""")]
    [InlineData("""{"pressureUsed":2,"position":"supine","pre":{"pain":11},"post":{}}""")]
    [InlineData("""{"pressureUsed":2,"position":"supine","sitesAvoided":["elbow-of-doom"],"pre":{},"post":{}}""")]
    [InlineData("""{"pressureUsed":2,"position":"supine"}""")]
    public async Task RecordSession_InvalidBody_Returns400AndStoresNothing(string body)
    {
        var id = await host.SubmitAsync();
        await host.MoveAsync(id, Stage.SessionScheduled);

        using var response = await PostAsync($"api/referrals/{id}/sessions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await host.App.Services.GetRequiredService<ISessionStore>().ListSessionsAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancel_OwningPractice_Returns403AndWritesNothing()
    {
        var id = await host.SubmitAsync();

        using var response = await host.Http.PostAsync($"api/referrals/{id}/cancel",
            new StringContent("""{"reason":"x"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(await TimelineAsync(id), e => e.Kind == TimelineKind.CoordinatorAction);
    }
}
