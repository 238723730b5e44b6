using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Replies;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// The red-flag routes over HTTP: the venue's open flags, acknowledging one (200 once, 409 after), bad notes 400 with
/// nothing written, and a flag outside the caller's venues or of another referral 404, a practice 403.
/// </summary>
public sealed class RedFlagRouteTests(SharedCoordinatorHost shared) : IClassFixture<SharedCoordinatorHost>, IAsyncLifetime
{
    private readonly TestHost host = shared.Host;
    private HttpClient coordinator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        coordinator = await host.SignInAsync(HarborCoordinator);
    }

    public ValueTask DisposeAsync()
    {
        coordinator.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(string Id, string FlagId)> FlagAsync(RedFlagLevel level = RedFlagLevel.Immediate)
    {
        var id = await host.SubmitAsync();
        var flag = await host.App.Services.GetRequiredService<RedFlags>().RaiseAsync(id, level, "SM" + Guid.NewGuid().ToString("N"), Ct);
        return (id, flag!.FlagId);
    }

    private static Task<HttpResponseMessage> AcknowledgeAsync(HttpClient client, string id, string flagId, string body) =>
        client.PostAsync($"api/referrals/{id}/flags/{flagId}/acknowledge", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string id) =>
        await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct);

    [Fact]
    public async Task Acknowledge_OpenFlag_Returns200RecordsWhoWhenNoteThen409()
    {
        var (id, flagId) = await FlagAsync();
        // The host is shared by the class: flags of earlier tests may be open too, so the count is compared, not fixed.
        var before = (await coordinator.GetFromJsonAsync<JsonElement>($"api/flags?venue={Harbor}", Ct)).GetProperty("count").GetInt32();
        Assert.True(before >= 1, $"open flags: {before}");

        using var first = await AcknowledgeAsync(coordinator, id, flagId, """{"note":"Called her: on her way to the ED"}""");
        using var second = await AcknowledgeAsync(coordinator, id, flagId, """{"note":"Again"}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var view = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(view.GetProperty("open").GetBoolean());
        Assert.Equal("Called her: on her way to the ED", view.GetProperty("note").GetString());
        Assert.Equal("Hana Reyes (Harbor Infusion Center)", view.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before - 1, (await coordinator.GetFromJsonAsync<JsonElement>($"api/flags?venue={Harbor}", Ct)).GetProperty("count").GetInt32());
        Assert.Single(await TimelineAsync(id), e => e.Kind == TimelineKind.CoordinatorAction && e.Detail.Contains("acknowledged by Hana Reyes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"note":"   "}""")]
    [InlineData("not json")]
    public async Task Acknowledge_BadNote_Returns400AndWritesNothing(string body)
    {
        var (id, flagId) = await FlagAsync();

        using var response = await AcknowledgeAsync(coordinator, id, flagId, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await TimelineAsync(id), e => e.Kind == TimelineKind.CoordinatorAction);
        Assert.True((await host.App.Services.GetRequiredService<IRedFlagStore>().FindByReferralAsync(id, Ct)).Single().IsOpen);
    }

    [Fact]
    public async Task Acknowledge_OutsideScopeOrOtherReferralsFlag_Returns404AndPracticeGets403()
    {
        var (id, flagId) = await FlagAsync();
        var (otherId, _) = await FlagAsync();
        using var willow = await host.SignInAsync(LighthouseCoordinator);

        using var outside = await AcknowledgeAsync(willow, id, flagId, """{"note":"x"}""");
        using var wrongReferral = await AcknowledgeAsync(coordinator, otherId, flagId, """{"note":"x"}""");
        using var unknown = await AcknowledgeAsync(coordinator, id, id + ".ffffffffffff", """{"note":"x"}""");
        using var practice = await host.Http.PostAsync($"api/referrals/{id}/flags/{flagId}/acknowledge",
            new StringContent("""{"note":"x"}""", Encoding.UTF8, "application/json"), Ct);
        using var willowList = await willow.GetAsync($"api/flags?venue={Harbor}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongReferral.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, practice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, willowList.StatusCode);
        Assert.True((await host.App.Services.GetRequiredService<IRedFlagStore>().FindByReferralAsync(id, Ct)).Single().IsOpen);
    }

    [Fact]
    public async Task AcknowledgeAsync_FlagOfAnotherReferralOfTheSameVenue_NotFoundAndTheFlagStaysOpen()
    {
        // The service checks on its own that the flag belongs to the referral, whatever route calls it.
        var (id, flagId) = await FlagAsync();
        var (otherId, _) = await FlagAsync();
        var other = (await host.App.Services.GetRequiredService<IReferralStore>().GetAsync(otherId, Ct))!;
        var by = new CoordinatorCaller(HarborCoordinator, "Harbor coordinator", [Harbor]);

        var result = await host.App.Services.GetRequiredService<RedFlags>().AcknowledgeAsync(by, other, flagId, "x", Ct);

        Assert.Equal(FlagAcknowledgeResult.NotFound, result);
        Assert.True((await host.App.Services.GetRequiredService<IRedFlagStore>().FindByReferralAsync(id, Ct)).Single().IsOpen);
    }
}
