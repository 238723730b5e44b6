using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="TestHost"/> for the coordinators' API on the real table adapters; App Service principals may be trusted.
/// Clients sign in through the local host's development sign-in, as the dashboard does.
/// </summary>
internal static class CoordinatorHost
{
    public const string Harbor = "harbor-infusion-center";
    public const string Lighthouse = "willow-spa-retreat";
    public const string HarborCoordinator = "coord-harbor";
    public const string LighthouseCoordinator = "coord-willow";

    /// <param name="platformAuthentication">Whether App Service says its authentication runs (WEBSITE_AUTH_ENABLED), as it does in Azure.</param>
    public static Task<TestHost> StartAsync(AzuriteFixture azurite, bool trustPrincipal = false, bool platformAuthentication = true, Action<WebApplicationBuilder>? configure = null) =>
        TestHost.StartAsync(azurite, "h" + Guid.NewGuid().ToString("N")[..12], configure: b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:TrustAppServicePrincipal"] = trustPrincipal ? "true" : "false",
                ["WEBSITE_AUTH_ENABLED"] = platformAuthentication ? "True" : null,
            });
            configure?.Invoke(b);
        });

    /// <summary>A client without a practice key, signed in as the coordinator (the cookie is kept by the client's handler).</summary>
    public static async Task<HttpClient> SignInAsync(this TestHost host, string coordinatorId)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.Http.BaseAddress };
        client.DefaultRequestHeaders.Add("Origin", host.Origin()); // as a browser on the dashboard would (CrossSiteRequestGuard)
        using var response = await client.PostAsJsonAsync("api/dev/sign-in", new { coordinatorId }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The local host's own origin, as a browser on its dashboard sends it.</summary>
    public static string Origin(this TestHost host) => host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    /// <summary>A client with no identity at all.</summary>
    public static HttpClient Anonymous(this TestHost host) => new() { BaseAddress = host.Http.BaseAddress };

    /// <summary>Submits the sample referral for the venue as the demo practice and waits until it asks for the release.</summary>
    public static async Task<string> SubmitAsync(this TestHost host, string venueId = Harbor)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["venueId"] = venueId));
        posted.EnsureSuccessStatusCode();
        var id = posted.Headers.Location!.OriginalString.Split('/')[^1];
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        return id;
    }

    /// <summary>Moves a referral straight to a stage (as the orchestration's activity would), ahead of the workflow's own moves.</summary>
    public static async Task MoveAsync(this TestHost host, string referralId, Stage to, DateTimeOffset? at = null, int sequence = 50)
    {
        var store = host.App.Services.GetRequiredService<IReferralStore>();
        var record = await store.GetAsync(referralId, TestContext.Current.CancellationToken);
        await store.ApplyStageChangeAsync(new StageChange(referralId, record!.Referral.VenueId, record.Stage, to, sequence, at ?? DateTimeOffset.UtcNow, "test move"),
            TestContext.Current.CancellationToken);
    }

    /// <summary>A venue open every day 08:00–20:00 UTC with one therapist, so slots exist whenever the test runs.</summary>
    public static Task SeedVenueAsync(this TestHost host, string venueId) =>
        host.App.Services.GetRequiredService<IVenueStore>().UpsertAsync(new Venue(venueId, "Test venue " + venueId, VenueType.InfusionCenter, "UTC", "1 Test Street",
            "coordinator@venue.example", new ConsentDocument("1", "Consent", "I consent."),
            [new TherapistAvailability("t-1", "Therapist One", Enum.GetValues<DayOfWeek>().Select(d => new WeeklyWindow(d, new TimeOnly(8, 0), new TimeOnly(20, 0))).ToArray())]),
            TestContext.Current.CancellationToken);
}
