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
/// <remarks>
/// The class shares one <see cref="SharedCoordinatorHost"/>; a test that reads a board submits to a venue of its own and
/// reads it as that venue's coordinator (<see cref="TestVenue"/>), so its counts and pages hold only its own referrals.
/// </remarks>
public sealed class PipelineTests(SharedCoordinatorHost shared) : IClassFixture<SharedCoordinatorHost>
{
    private readonly TestHost host = shared.Host;

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
        using var venue = await TestVenue.CreateAsync(host);
        var ids = new[] { await venue.SubmitAsync(), await venue.SubmitAsync(), await venue.SubmitAsync() };
        await host.MoveAsync(ids[0], Stage.IntakePending);
        await host.MoveAsync(ids[0], Stage.IntakePending); // a re-delivered move counts once
        var coordinator = venue.Coordinator;

        var page = await GetAsync(coordinator, "");

        Assert.Equal(new Dictionary<string, int> { ["MdReleaseRequested"] = 2, ["IntakePending"] = 1 }, Counts(page));
        Assert.Equal(venue.Id, page.GetProperty("venue").GetString());
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task GetPipeline_PageSize2_ContinuationTokensVisitEveryReferralOnce()
    {
        using var venue = await TestVenue.CreateAsync(host);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await venue.SubmitAsync());
        }

        var coordinator = venue.Coordinator;
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
        using var venue = await TestVenue.CreateAsync(host);
        var stuck = await venue.SubmitAsync();
        var fresh = await venue.SubmitAsync();
        await host.MoveAsync(stuck, Stage.IntakePending, DateTimeOffset.UtcNow.AddDays(-4)); // expected: 3 days
        await host.MoveAsync(fresh, Stage.IntakePending, DateTimeOffset.UtcNow.AddHours(-1));
        var coordinator = venue.Coordinator;

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
        using var venue = await TestVenue.CreateAsync(host);
        var old = await venue.SubmitAsync();
        var recent = await venue.SubmitAsync();
        var newest = await venue.SubmitAsync();
        await host.MoveAsync(old, Stage.IntakePending, DateTimeOffset.UtcNow.AddDays(-2));
        await host.MoveAsync(recent, Stage.IntakePending, DateTimeOffset.UtcNow.AddHours(-3));
        await host.MoveAsync(newest, Stage.IntakePending, DateTimeOffset.UtcNow.AddHours(-1));
        var coordinator = venue.Coordinator;

        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var page = await GetAsync(coordinator, $"?stage=IntakePending&since={since}");

        Assert.Equal([newest, recent], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("referralId").GetString()));
        Assert.Equal(3, Counts(page)["IntakePending"]); // counts stay whole
    }

    [Fact]
    public async Task GetPipeline_Item_CarriesInitialsNextStepActionsAndFlags()
    {
        using var venue = await TestVenue.CreateAsync(host);
        var id = await venue.SubmitAsync();
        await host.App.Services.GetRequiredService<IReferralFlags>().SetFlagAsync(id, ReferralFlagKind.DeliveryFailed, TestContext.Current.CancellationToken);
        await host.MoveAsync(id, Stage.NeedsMdInput); // the flag follows the referral to its next stage
        var coordinator = venue.Coordinator;

        var item = (await GetAsync(coordinator, "?stage=NeedsMdInput")).GetProperty("items").EnumerateArray().Single();

        Assert.Equal("AS", item.GetProperty("initials").GetString());
        Assert.Equal(Stage.NeedsMdInput.NextStep(), item.GetProperty("nextStep").GetString());
        Assert.Equal(["DeliveryFailed", "NeedsMdInput"], item.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).Order());
        Assert.Equal(["Cancel"], item.GetProperty("actions").EnumerateArray().Select(f => f.GetString()!));
    }

    [Fact]
    public async Task GetPipeline_CoordinatorOfTwoVenuesWithoutVenue_Returns400()
    {
        var both = "coord-both-" + Guid.NewGuid().ToString("N")[..12];
        await host.App.Services.GetRequiredService<ICoordinatorStore>().UpsertAsync(
            new Coordinator(both, "Both", "both@venues.example", [Harbor, Lighthouse]), TestContext.Current.CancellationToken);
        using var coordinator = await host.SignInAsync(both);

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
