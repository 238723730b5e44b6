using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// A venue and a coordinator of the test's own on a shared host, for tests that read venue-wide views (the pipeline
/// board, its counts and audit partition, the venue's outcome totals, its free slots): the venue is seeded as
/// <see cref="CoordinatorHost.SeedVenueAsync"/> seeds one (open every day 08:00–20:00 UTC, one therapist), the
/// coordinator coordinates exactly that venue, and <see cref="Coordinator"/> is an <see cref="HttpClient"/> signed in
/// as them through the local host's development sign-in. Nothing another test does shows on this venue, so "the only
/// item on the board" and "every count back to zero" keep their meaning on a host the class shares.
/// </summary>
/// <example>
/// <code>
/// using var venue = await TestVenue.CreateAsync(host);
/// var id = await venue.SubmitAsync();
/// var page = await venue.Coordinator.GetFromJsonAsync&lt;JsonElement&gt;("api/pipeline", ct);
/// </code>
/// </example>
public sealed class TestVenue : IDisposable
{
    private TestVenue(TestHost host, string id, string coordinatorId, HttpClient coordinator)
    {
        Host = host;
        Id = id;
        CoordinatorId = coordinatorId;
        Coordinator = coordinator;
    }

    public TestHost Host { get; }

    /// <summary>The venue's id ("venue-" and 12 hex digits), valid as a referral's <c>venueId</c>.</summary>
    public string Id { get; }

    /// <summary>The id of the coordinator who coordinates this venue and no other.</summary>
    public string CoordinatorId { get; }

    /// <summary>A client without a practice key, signed in as <see cref="CoordinatorId"/> (sends the host's Origin, as the dashboard does).</summary>
    public HttpClient Coordinator { get; }

    /// <summary>Seeds a new venue and its coordinator on <paramref name="host"/> and signs the coordinator in.</summary>
    /// <param name="copyOf">
    /// A venue already on the host to copy under the new id (hours, time zone, front desk, backup contact), for tests whose
    /// messages show those details (the engine journeys copy the demo Harbor venue); otherwise a venue as
    /// <see cref="CoordinatorHost.SeedVenueAsync"/> seeds one.
    /// </param>
    public static async Task<TestVenue> CreateAsync(TestHost host, string? copyOf = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var venueId = "venue-" + suffix;
        var coordinatorId = "coord-" + suffix;
        if (copyOf is null)
        {
            await host.SeedVenueAsync(venueId);
        }
        else
        {
            var venues = host.App.Services.GetRequiredService<IVenueStore>();
            var template = await venues.GetAsync(copyOf, TestContext.Current.CancellationToken)
                ?? throw new InvalidOperationException($"There is no venue {copyOf} to copy.");
            await venues.UpsertAsync(template with { Id = venueId }, TestContext.Current.CancellationToken);
        }

        await host.App.Services.GetRequiredService<ICoordinatorStore>().UpsertAsync(
            new Coordinator(coordinatorId, "Test coordinator " + suffix, coordinatorId + "@venue.example", [venueId]), TestContext.Current.CancellationToken);
        return new TestVenue(host, venueId, coordinatorId, await host.SignInAsync(coordinatorId));
    }

    /// <summary>
    /// Submits the sample referral (docs/samples/referral.json) to this venue as the demo practice, edited further by
    /// <paramref name="edit"/> (e.g. a phone of the test's own), and waits until it asks for the release.
    /// </summary>
    public async Task<string> SubmitAsync(Action<JsonObject>? edit = null)
    {
        using var posted = await Host.PostReferralAsync(Samples.Referral(r =>
        {
            r["venueId"] = Id;
            edit?.Invoke(r);
        }));
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        await Host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        return id;
    }

    /// <summary>Submits the sample referral to this venue with <paramref name="phone"/> as the client's mobile.</summary>
    public Task<string> SubmitAsync(TestPhone phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return SubmitAsync(r => r["client"]!["mobilePhone"] = phone.Display);
    }

    public void Dispose() => Coordinator.Dispose();
}
