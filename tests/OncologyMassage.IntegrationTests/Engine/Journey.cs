using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// One engine-journey test's own corner of a shared host: a venue of its own (the demo Harbor Infusion Center copied
/// under a new id, so the same hours, time zone, front-desk phone and backup contact), a coordinator of only that venue,
/// signed in (the therapist who records sessions, cancels, and holds the simulated phone), and a client phone number of
/// its own for every referral it submits. So two journeys on one host never book the same slot (slots are kept per
/// venue), never answer each other's texts (a reply is routed by the client's number), and never see each other's flags,
/// bookings or board rows (kept per venue); each test reads only the referrals it submitted.
/// </summary>
/// <remarks>The venue and its coordinator are a <see cref="TestVenue"/> copied from the demo venue, whose details the journeys' messages show.</remarks>
internal sealed class Journey
{
    private Journey(TestHost host, string venueId, HttpClient coordinator, ReferralActors actors)
    {
        Host = host;
        VenueId = venueId;
        Coordinator = coordinator;
        Actors = actors;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TestHost Host { get; }

    /// <summary>The venue of this test: every referral it submits goes there.</summary>
    public string VenueId { get; }

    /// <summary>The venue's coordinator, signed in: records sessions, books, cancels, acknowledges flags.</summary>
    public HttpClient Coordinator { get; }

    /// <summary>The oncologist, the client (pages and the simulated phone, in the coordinator's hands) and their messages.</summary>
    public ReferralActors Actors { get; }

    /// <summary>Seeds the test's venue and its coordinator on <paramref name="host"/> and signs the coordinator in.</summary>
    public static async Task<Journey> StartAsync(TestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var venue = await TestVenue.CreateAsync(host, copyOf: CoordinatorHost.Harbor);
        var (venueId, coordinator) = (venue.Id, venue.Coordinator);
        var people = new HttpClient { BaseAddress = host.Http.BaseAddress };
        return new Journey(host, venueId, coordinator, new ReferralActors(people, host.App.Services.GetRequiredService<IMessageOutbox>(), phone: coordinator));
    }

    public void Deconstruct(out TestHost host, out ReferralActors actors, out HttpClient coordinator) => (host, actors, coordinator) = (Host, Actors, Coordinator);

    /// <summary>The sample referral for this test's venue, from a phone number no other referral of the run has, then <paramref name="change"/>.</summary>
    public string Referral(Action<JsonObject>? change = null) => Samples.Referral(r =>
    {
        r["venueId"] = VenueId;
        r["client"]!["mobilePhone"] = TestPhone.Unique().Display;
        change?.Invoke(r);
    });

    /// <summary>Submits the sample referral for one session (the sample authorises three) unless <paramref name="change"/> says otherwise.</summary>
    public async Task<string> SubmitAsync(Action<JsonObject>? change = null)
    {
        using var posted = await Host.PostReferralAsync(Referral(r =>
        {
            r["sessionsAuthorised"] = 1;
            change?.Invoke(r);
        }));
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Oncologist approves, client fills the intake, picks slot 2 by text and signs the consent.</summary>
    public static async Task UpToSessionScheduledAsync(TestHost host, ReferralActors actors, string id)
    {
        ArgumentNullException.ThrowIfNull(actors);
        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        Ok(await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct));
        Ok(await actors.SignConsentAsync(id, ReferralActors.Consent("Ada Sample"), Ct));
        await ReachAsync(host, id, Stage.SessionScheduled);
    }

    public static async Task RecordSessionAsync(HttpClient therapist, string id, string reactions = "none")
    {
        ArgumentNullException.ThrowIfNull(therapist);
        using var response = await therapist.PostAsync($"api/referrals/{id}/sessions", JsonContent.Create(new
        {
            pressureUsed = 2,
            sitesAvoided = new[] { "chest:right" },
            position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 },
            post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
            reactions,
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static void Ok(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }

    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(TestHost host, string id) =>
        await host.App.Services.GetRequiredService<IReferralStore>().GetTimelineAsync(id, Ct);

    /// <summary>
    /// Waits until the referral is in <paramref name="stage"/> and its timeline shows the move (the row moves first, then
    /// the index, then the timeline).
    /// </summary>
    public static async Task<ReferralState> ReachAsync(TestHost host, string id, Stage stage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var state = await host.WaitForStageAsync(id, stage, timeout);
        await Eventually.UntilAsync(async () => (await TimelineAsync(host, id)).Any(e => e.Kind == TimelineKind.StageChanged && e.Stage == stage), $"{stage} on the timeline of {id}");
        return state;
    }
}
