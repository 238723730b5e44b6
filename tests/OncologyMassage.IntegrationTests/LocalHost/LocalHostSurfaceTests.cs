using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>The local host's development surface stays local: loopback only unless allowed, demo data and dev routes only on the emulator.</summary>
public sealed class LocalHostSurfaceTests(AzuriteFixture azurite)
{
    /// <summary>A real-looking account on a loopback port nothing listens on: any attempt to seed it would fail the build.</summary>
    private const string NotTheEmulator =
        "DefaultEndpointsProtocol=http;AccountName=omprodstore;AccountKey=bm90IHRoZSB3ZWxsLWtub3duIGtleSBhdCBhbGwgLSBqdXN0IHRlc3Q=;"
        + "BlobEndpoint=http://127.0.0.1:9/omprodstore;QueueEndpoint=http://127.0.0.1:9/omprodstore;TableEndpoint=http://127.0.0.1:9/omprodstore";

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> BuildAsync(IDictionary<string, string?> settings) =>
        LocalHostApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(settings), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("http://0.0.0.0:7071")]
    [InlineData("http://*:7071")]
    [InlineData("http://+:7071")]
    [InlineData("http://localhost:7071;http://192.168.1.20:7071")]
    public async Task BuildAsync_NonLoopbackAddressWithoutAllowRemote_RefusesWithTheOptionToSet(string urls)
    {
        var refused = await Assert.ThrowsAsync<LocalHostRefusedException>(() => BuildAsync(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["LocalHost:StorageConnectionString"] = azurite.ConnectionString,
        }));

        Assert.Contains("--LocalHost:AllowRemote=true", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_NonLoopbackAddressWithAllowRemote_Builds()
    {
        await using var app = await BuildAsync(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:0",
            ["LocalHost:AllowRemote"] = "true",
            ["LocalHost:StorageConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = "h" + Guid.NewGuid().ToString("N")[..12],
        });

        Assert.NotNull(app);
    }

    [Fact]
    public async Task BuildAsync_StorageThatIsNotTheEmulator_SeedsNothingAndMapsNoDevRoute()
    {
        // Seeding would call the account (and fail: nothing listens there); the build succeeding shows none was tried.
        await using var app = await BuildAsync(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LocalHost:StorageConnectionString"] = NotTheEmulator,
            ["Links:SigningKey"] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", // configured: nothing is read from the account for it
        });

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToArray();
        Assert.Contains(routes, r => r.Contains("referrals", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => r.Contains("/dev/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_TheEmulator_MapsTheDevRoutes()
    {
        await using var app = await BuildAsync(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LocalHost:StorageConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = "h" + Guid.NewGuid().ToString("N")[..12],
        });

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToArray();
        Assert.Contains(routes, r => r.EndsWith("/dev/sign-in", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.EndsWith("/dev/outbox", StringComparison.Ordinal));
    }
}
