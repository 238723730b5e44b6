using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Access;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Every caller has an identity and a scope: anonymous calls get 401, and every endpoint that takes a referral id
/// answers 404 with no data to another venue's coordinator and to another practice (BOLA).
/// </summary>
/// <remarks>
/// The class shares one <see cref="SharedCoordinatorHost"/>; each test submits a referral of its own and reads only its
/// rows (its timeline, its audit partition), and "writes nothing" is a count of the audit table before and after or a
/// caller of the test's own (a <see cref="TestVenue"/>'s coordinator, a practice with a GUID suffix). The two tests that
/// trust App Service principals share a <see cref="TrustingHost"/>; the misconfigured host keeps a host of its own
/// (its start-up log is what it checks).
/// </remarks>
public sealed class CoordinatorAccessTests(AzuriteFixture azurite, SharedCoordinatorHost shared, CoordinatorAccessTests.TrustingHost trusted)
    : IClassFixture<SharedCoordinatorHost>, IClassFixture<CoordinatorAccessTests.TrustingHost>, IAsyncLifetime
{
    private const string SessionBody =
        """{"pressureUsed":2,"sitesAvoided":["chest:left"],"position":"supine","pre":{"pain":4,"anxiety":5},"post":{"pain":2,"anxiety":2}}""";

    /// <summary>Every endpoint that takes a referral id, with a body a coordinator of the venue could send.</summary>
    private static readonly (HttpMethod Method, string Path, string? Body)[] ReferralEndpoints =
    [
        (HttpMethod.Get, "api/referrals/{id}", null),
        (HttpMethod.Get, "api/referrals/{id}/timeline", null),
        (HttpMethod.Get, "api/referrals/{id}/slots", null),
        (HttpMethod.Get, "api/referrals/{id}/audit", null),
        (HttpMethod.Post, "api/referrals/{id}/cancel", """{"reason":"Client moved away"}"""),
        (HttpMethod.Post, "api/referrals/{id}/release/resend", "{}"),
        (HttpMethod.Post, "api/referrals/{id}/booking", """{"slotId":"t-1|20300101T0900Z"}"""),
        (HttpMethod.Post, "api/referrals/{id}/reschedule", """{"slotId":"t-1|20300101T0900Z"}"""),
        (HttpMethod.Post, "api/referrals/{id}/sessions", SessionBody),
    ];

    private static readonly (HttpMethod Method, string Path, string? Body)[] OtherEndpoints =
    [
        (HttpMethod.Get, "api/me", null),
        (HttpMethod.Get, "api/pipeline", null),
        (HttpMethod.Get, "api/pipeline?venue=harbor-infusion-center", null),
        (HttpMethod.Get, "api/outcomes?venue=harbor-infusion-center", null),
        (HttpMethod.Post, "api/referrals", "{}"),
        (HttpMethod.Get, "api/inbox", null),
        (HttpMethod.Post, "api/inbox/0000000000000000000-0000000000000000/handled", "{}"),
    ];

    private readonly TestHost host = shared.Host;
    private string referralId = null!;

    public async ValueTask InitializeAsync() => referralId = await host.SubmitAsync(Harbor);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A coordinators' host that trusts App Service principals (Auth:TrustAppServicePrincipal), as in Azure.</summary>
    public sealed class TrustingHost(AzuriteFixture azurite) : SharedHost(azurite)
    {
        protected override Task<TestHost> StartAsync(AzuriteFixture azurite) => CoordinatorHost.StartAsync(azurite, trustPrincipal: true);
    }

    private ValueTask<string> AuditPartitionAsync() => host.App.Services.GetRequiredService<IAuditLog>().PseudonymAsync(referralId, TestContext.Current.CancellationToken);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, (HttpMethod Method, string Path, string? Body) endpoint, string id)
    {
        using var request = new HttpRequestMessage(endpoint.Method, endpoint.Path.Replace("{id}", id, StringComparison.Ordinal));
        if (endpoint.Body is not null)
        {
            request.Content = new StringContent(endpoint.Body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task EveryEndpoint_Anonymous_Returns401ProblemWithNoData()
    {
        using var anonymous = host.Anonymous();
        var auditRowsBefore = (await host.RowsAsync(StorageTables.Audit)).Count;

        foreach (var endpoint in ReferralEndpoints.Concat(OtherEndpoints))
        {
            using var response = await SendAsync(anonymous, endpoint, referralId);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint.Method} {endpoint.Path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(Harbor, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await host.TimelineRowsAsync(referralId), r => r.GetString("Kind") == "CoordinatorAction");
        Assert.Equal(auditRowsBefore, (await host.RowsAsync(StorageTables.Audit)).Count);
        var partition = await AuditPartitionAsync();
        Assert.All((await host.RowsAsync(StorageTables.Audit)).Where(r => r.PartitionKey == partition && r.RowKey != TableAuditLog.HeadRowKey),
            r => Assert.Equal("demo-practice", r.GetString("CallerId"))); // the set-up's own calls
    }

    [Fact]
    public async Task EveryReferralEndpoint_AnotherVenuesCoordinator_Returns404AndNoDataAndWritesNothing()
    {
        using var otherVenue = await TestVenue.CreateAsync(host); // a coordinator of another venue, of this test's own

        await AssertNotFoundEverywhereAsync(otherVenue.Coordinator);

        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Audit), r => r.GetString("CallerId") == otherVenue.CoordinatorId);
    }

    [Fact]
    public async Task EveryReferralEndpoint_AnotherPractice_Returns404AndNoDataAndWritesNothing()
    {
        var key = PracticeKeys.NewKey();
        var practiceId = "other-practice-" + Guid.NewGuid().ToString("N")[..12];
        await host.App.Services.GetRequiredService<IPracticeKeyStore>().AddKeyAsync(new Practice(practiceId, "Other"), key, TestContext.Current.CancellationToken);
        using var other = host.Anonymous();
        other.DefaultRequestHeaders.Add(PracticeKeys.Header, key);

        await AssertNotFoundEverywhereAsync(other);

        Assert.DoesNotContain(await host.RowsAsync(StorageTables.Audit), r => r.GetString("CallerId") == practiceId);
    }

    private async Task AssertNotFoundEverywhereAsync(HttpClient other)
    {
        foreach (var endpoint in ReferralEndpoints)
        {
            using var response = await SendAsync(other, endpoint, referralId);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{endpoint.Method} {endpoint.Path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(Harbor, body, StringComparison.Ordinal);
            Assert.DoesNotContain("stage", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AS", body, StringComparison.Ordinal); // the client's initials
        }

        Assert.DoesNotContain(await host.TimelineRowsAsync(referralId), r => r.GetString("Kind") == "CoordinatorAction");
    }

    [Theory]
    [InlineData("")]
    [InlineData("/timeline")]
    public async Task GetReferral_CoordinatorOfItsVenue_Returns200(string suffix)
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.GetAsync($"api/referrals/{referralId}{suffix}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(referralId, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReferral_ByCoordinator_WritesAnAuditRowWithoutContent()
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var response = await coordinator.GetAsync($"api/referrals/{referralId}", TestContext.Current.CancellationToken);

        var partition = await AuditPartitionAsync();
        var row = Assert.Single(await host.RowsAsync(StorageTables.Audit), r => r.PartitionKey == partition && r.GetString("CallerId") == HarborCoordinator);
        Assert.Equal(("coordinator", "GetReferral"), (row.GetString("CallerKind"), row.GetString("Action")));
        Assert.Equal(["Action", "At", "CallerId", "CallerKind", "Hash", "PreviousHash", "Sequence"], row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order());
    }

    [Fact]
    public async Task GetReferralAudit_Coordinator_ListsReadsAndTheSubmissionNewestFirst()
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);
        using (await coordinator.GetAsync($"api/referrals/{referralId}/timeline", TestContext.Current.CancellationToken))
        {
        }

        using var response = await coordinator.GetAsync($"api/referrals/{referralId}/audit", TestContext.Current.CancellationToken);
        using var audit = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var actions = audit.RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToArray();
        Assert.Equal(["GetReferralAudit", "GetReferralTimeline"], actions[..2]);
        Assert.Equal("SubmitReferral", actions[^1]);
    }

    [Fact]
    public async Task GetReferralAudit_OwningPractice_Returns403()
    {
        using var response = await host.Http.GetAsync($"api/referrals/{referralId}/audit", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_SignedInCoordinator_ReturnsKindAndVenues()
    {
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        var me = await coordinator.GetFromJsonAsync<JsonElement>("api/me", TestContext.Current.CancellationToken);

        Assert.Equal(("coord-harbor", "coordinator"), (me.GetProperty("id").GetString(), me.GetProperty("kind").GetString()));
        Assert.Equal([Harbor], me.GetProperty("venues").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GetMe_Practice_ReturnsKindPracticeAndNoVenues()
    {
        var me = await host.Http.GetFromJsonAsync<JsonElement>("api/me", TestContext.Current.CancellationToken);

        Assert.Equal(("demo-practice", "practice", 0), (me.GetProperty("id").GetString(), me.GetProperty("kind").GetString(), me.GetProperty("venues").GetArrayLength()));
    }

    [Fact]
    public async Task GetMe_ForgedCookie_Returns401()
    {
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", "om_dev_coordinator=coord-harbor.99999999999.forged");

        using var response = await client.GetAsync("api/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_AppServicePrincipalWhenNotTrusted_Returns401()
    {
        await BindAsync(host, HarborCoordinator, HarborOid);
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("x-ms-client-principal", Principal(HarborOid, "hana.reyes@harbor.example"));

        using var response = await client.GetAsync("api/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_TrustedPrincipalWithTheCoordinatorsObjectId_ReturnsTheCoordinator()
    {
        var trusting = trusted.Host;
        await BindAsync(trusting, HarborCoordinator, HarborOid);
        using var client = trusting.Anonymous();
        client.DefaultRequestHeaders.Add("x-ms-client-principal", Principal(HarborOid.ToUpperInvariant(), "someone@elsewhere.example"));

        var me = await client.GetFromJsonAsync<JsonElement>("api/me", TestContext.Current.CancellationToken);

        Assert.Equal("coord-harbor", me.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetMe_TrustedPrincipalWithTheCoordinatorsEmailButAnUnknownObjectId_Returns401()
    {
        var trusting = trusted.Host;
        await BindAsync(trusting, HarborCoordinator, HarborOid);
        using var impostor = trusting.Anonymous();
        impostor.DefaultRequestHeaders.Add("x-ms-client-principal", Principal(Guid.NewGuid().ToString(), "Hana.Reyes@harbor.example"));
        using var unbound = trusting.Anonymous();
        unbound.DefaultRequestHeaders.Add("x-ms-client-principal", Principal(Guid.NewGuid().ToString(), "liam.okafor@willow.example"));

        using var refused = await impostor.GetAsync("api/me", TestContext.Current.CancellationToken);
        using var refusedUnbound = await unbound.GetAsync("api/me", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (refused.StatusCode, refusedUnbound.StatusCode));
    }

    [Fact]
    public async Task GetMe_TrustRequestedButAppServiceAuthenticationOff_Returns503AndTheStartUpSaysWhy()
    {
        // A host of its own: its settings are wrong on purpose, and the start-up's log line is what the test checks.
        var logs = new CapturedLogs();
        await using var misconfigured = await CoordinatorHost.StartAsync(azurite, trustPrincipal: true, platformAuthentication: false,
            configure: b => b.Logging.AddProvider(logs));
        await BindAsync(misconfigured, HarborCoordinator, HarborOid);
        using var forged = misconfigured.Anonymous();
        forged.DefaultRequestHeaders.Add("x-ms-client-principal", Principal(HarborOid, "hana.reyes@harbor.example"));
        using var session = await misconfigured.SignInAsync(HarborCoordinator);

        using var response = await forged.GetAsync($"api/referrals/{referralId}", TestContext.Current.CancellationToken);
        using var bySession = await session.GetAsync("api/pipeline", TestContext.Current.CancellationToken);
        using var practice = await misconfigured.Http.GetAsync("api/me", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (response.StatusCode, bySession.StatusCode, practice.StatusCode));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(logs.Entries, e => e.EventId.Id == 9200 && e.Message.Contains("WEBSITE_AUTH_ENABLED", StringComparison.Ordinal));
    }

    private const string HarborOid = "0f1e2d3c-0000-4000-8000-0000000000aa";

    /// <summary>Binds the Entra object id to a seeded coordinator, as <c>coordinator bind</c> does.</summary>
    private static async Task BindAsync(TestHost target, string coordinatorId, string oid)
    {
        var store = target.App.Services.GetRequiredService<ICoordinatorStore>();
        var coordinator = await store.GetAsync(coordinatorId, TestContext.Current.CancellationToken);
        await store.UpsertAsync(coordinator! with { PrincipalObjectId = oid }, TestContext.Current.CancellationToken);
    }

    private static string Principal(string objectId, string email) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[]
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
            new { typ = "preferred_username", val = email },
            new { typ = "name", val = "Someone" },
        },
    })));
}
