using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>GET /api/pipeline: counts from the board, pages by continuation token, the stuck and since filters, flags, scope.</summary>
public sealed class PipelineTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await CoordinatorHost.StartAsync(azurite);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static async Task<JsonElement> GetAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("api/pipeline" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static Dictionary<string, int> Counts(JsonElement page, string name = "counts") =>
        page.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [Fact]
    public async Task GetPipeline_AfterStageMoves_CountsPerStageFromTheBoard()
    {
        var ids = new[] { await host.SubmitAsync(), await host.SubmitAsync(), await host.SubmitAsync() };
        await host.MoveAsync(ids[0], Stage.IntakePending);
        await host.MoveAsync(ids[0], Stage.IntakePending); // a re-delivered move counts once
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        var page = await GetAsync(coordinator, "");

        Assert.Equal(new Dictionary<string, int> { ["MdReleaseRequested"] = 2, ["IntakePending"] = 1 }, Counts(page));
        Assert.Equal(Harbor, page.GetProperty("venue").GetString());
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task GetPipeline_PageSize2_ContinuationTokensVisitEveryReferralOnce()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await host.SubmitAsync());
        }

        using var coordinator = await host.SignInAsync(HarborCoordinator);
        var seen = new List<string>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await GetAsync(coordinator, "?stage=MdReleaseRequested&pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("referralId").GetString()!).ToArray();
            seen.AddRange(items);
            sizes.Add(items.Length);
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.All(sizes, s => Assert.InRange(s, 0, 2));
        Assert.True(sizes.Count >= 3, $"pages: {string.Join(",", sizes)}");
    }

    [Fact]
    public async Task GetPipeline_StuckTrue_ReturnsOnlyReferralsPastTheStagesExpectedDuration()
    {
        var stuck = await host.SubmitAsync();
        var fresh = await host.SubmitAsync();
        await host.MoveAsync(stuck, Stage.IntakePending, DateTimeOffset.UtcNow.AddDays(-4)); // expected: 3 days
        await host.MoveAsync(fresh, Stage.IntakePending, DateTimeOffset.UtcNow.AddHours(-1));
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        var page = await GetAsync(coordinator, "?stuck=true");
        var all = await GetAsync(coordinator, "?stage=IntakePending");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(stuck, item.GetProperty("referralId").GetString());
        Assert.True(item.GetProperty("stuck").GetBoolean());
        Assert.InRange(item.GetProperty("overdueSeconds").GetInt64(), 86_000, 87_000);
        Assert.Equal(1, Counts(page, "stuckCounts")["IntakePending"]);
        var notStuck = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("referralId").GetString() == fresh);
        Assert.Equal(JsonValueKind.Null, notStuck.GetProperty("overdueSeconds").ValueKind);
    }

    [Fact]
    public async Task GetPipeline_Since_ListsOnlyReferralsThatEnteredTheirStageSinceNewestFirst()
    {
        var old = await host.SubmitAsync();
        var recent = await host.SubmitAsync();
        var newest = await host.SubmitAsync();
        await host.MoveAsync(old, Stage.IntakePending, DateTimeOffset.UtcNow.AddDays(-2));
        await host.MoveAsync(recent, Stage.IntakePending, DateTimeOffset.UtcNow.AddHours(-3));
        await host.MoveAsync(newest, Stage.IntakePending, DateTimeOffset.UtcNow.AddHours(-1));
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var page = await GetAsync(coordinator, $"?stage=IntakePending&since={since}");

        Assert.Equal([newest, recent], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("referralId").GetString()));
        Assert.Equal(3, Counts(page)["IntakePending"]); // counts stay whole
    }

    [Fact]
    public async Task GetPipeline_Item_CarriesInitialsNextStepActionsAndFlags()
    {
        var id = await host.SubmitAsync();
        await host.App.Services.GetRequiredService<IReferralFlags>().SetFlagAsync(id, ReferralFlagKind.DeliveryFailed, TestContext.Current.CancellationToken);
        await host.MoveAsync(id, Stage.NeedsMdInput); // the flag follows the referral to its next stage
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        var item = (await GetAsync(coordinator, "?stage=NeedsMdInput")).GetProperty("items").EnumerateArray().Single();

        Assert.Equal("AS", item.GetProperty("initials").GetString());
        Assert.Equal(Stage.NeedsMdInput.NextStep(), item.GetProperty("nextStep").GetString());
        Assert.Equal(["DeliveryFailed", "NeedsMdInput"], item.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).Order());
        Assert.Equal(["Cancel"], item.GetProperty("actions").EnumerateArray().Select(f => f.GetString()!));
    }

    [Fact]
    public async Task GetPipeline_CoordinatorOfTwoVenuesWithoutVenue_Returns400()
    {
        await host.App.Services.GetRequiredService<ICoordinatorStore>().UpsertAsync(
            new Coordinator("coord-both", "Both", "both@venues.example", [Harbor, Lighthouse]), TestContext.Current.CancellationToken);
        using var coordinator = await host.SignInAsync("coord-both");

        using var response = await coordinator.GetAsync("api/pipeline", TestContext.Current.CancellationToken);
        var lighthouse = await GetAsync(coordinator, "?venue=" + Lighthouse);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Lighthouse, lighthouse.GetProperty("venue").GetString());
    }

    [Fact]
    public async Task GetPipeline_AVenueTheCallerDoesNotCoordinate_Returns404AndNoData()
    {
        await host.SubmitAsync(Lighthouse);
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.GetAsync("api/pipeline?venue=" + Lighthouse, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("referralId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?stage=Nonsense")]
    [InlineData("?stage=3")]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=201")]
    [InlineData("?stuck=maybe")]
    [InlineData("?since=yesterday")]
    [InlineData("?continuationToken=not%20a%20token")]
    public async Task GetPipeline_BadQuery_Returns400Problem(string query)
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.GetAsync("api/pipeline" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetPipeline_Practice_Returns403()
    {
        using var response = await host.Http.GetAsync("api/pipeline?venue=" + Harbor, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
