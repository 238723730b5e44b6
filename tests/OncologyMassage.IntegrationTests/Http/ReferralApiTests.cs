using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>POST and GET /api/referrals on the real engine and Azurite.</summary>
public sealed class ReferralApiTests(SharedHost shared, QuietHost quiet) : IClassFixture<SharedHost>, IClassFixture<QuietHost>
{
    private readonly TestHost host = shared.Host;

    /// <summary>Receives only requests that must be refused, so its store stays empty.</summary>
    private readonly TestHost refusing = quiet.Host;

    [Fact]
    public async Task Post_ValidReferral_Returns202WithLocationAndStartsOrchestration()
    {
        using var response = await host.PostReferralAsync(Samples.Referral());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/referrals/{id}", response.Headers.Location?.OriginalString);
        var instance = await host.Durable.WaitForInstanceStartAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(id, instance.InstanceId);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
    }

    [Fact]
    public async Task Post_ValidReferral_RecordsMdReleaseRequestedInReferralIndexAndTimelineTables()
    {
        using var response = await host.PostReferralAsync(Samples.Referral());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;

        var state = await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        await WaitForAsync(async () => (await host.TimelineRowsAsync(id)).Count >= 2);

        Assert.Equal("harbor-infusion-center", state.VenueId);
        var row = Assert.Single(await host.ReferralRowsAsync(), r => r.PartitionKey == id);
        Assert.Equal(nameof(Stage.MdReleaseRequested), row.GetString("Stage"));
        var onBoard = Assert.Single(await host.RowsAsync(StorageTables.Pipeline), r => r.RowKey == $"r|{id}");
        Assert.Equal(("harbor-infusion-center", "MdReleaseRequested"), (onBoard.PartitionKey, onBoard.GetString("Stage")));
        var timeline = await host.TimelineRowsAsync(id);
        Assert.Equal(["StageChanged", "MessageSent"], timeline.Select(t => t.GetString("Kind")));
    }

    [Fact]
    public async Task Post_ValidReferral_PhonesAreStoredInE164()
    {
        using var response = await host.PostReferralAsync(Samples.Referral());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;

        var row = Assert.Single(await host.ReferralRowsAsync(), r => r.PartitionKey == id);
        using var referral = JsonDocument.Parse(row.GetString("Referral"));
        Assert.Equal("+16175550143", referral.RootElement.GetProperty("client").GetProperty("mobilePhone").GetString());
        Assert.Equal("+16175550100", referral.RootElement.GetProperty("oncologist").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Post_ValidReferral_EmailsTheOncologistWithoutClinicalDetail()
    {
        using var response = await host.PostReferralAsync(Samples.Referral());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        await WaitForAsync(async () => (await host.RowsAsync(StorageTables.Outbox, id)).Any(r => r.GetString("Status") == "Sent"));

        var email = Assert.Single(await host.RowsAsync(StorageTables.Outbox, id));
        Assert.Equal((id, $"{id}:md-release:1"), (email.PartitionKey, email.RowKey));
        Assert.Equal("rosa.demo@example.org", email.GetString("To"));
        var text = email.GetString("Subject") + email.GetString("Body");
        Assert.Contains("https://om.example/api/release/", text, StringComparison.Ordinal);
        // The signed link's token is random base64url and can spell "node" or "PORT" by chance; the words are looked
        // for in the prose around it (the token itself carries only the referral id and an expiry, signed).
        var prose = System.Text.RegularExpressions.Regex.Replace(text, @"https://om\.example/api/release/[A-Za-z0-9._~-]+", "<link>");
        foreach (var secret in new[] { "Ada", "Sample", "Breast", "cancer", "PORT", "node", "chemotherapy", "1968" })
        {
            Assert.DoesNotContain(secret, prose, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Post_InvalidReferral_Returns400NamingEveryBadFieldAndWritesNothing()
    {
        var json = Samples.Referral(r =>
        {
            r["client"]!["mobilePhone"] = "12";
            r["client"]!["dateOfBirth"] = "2099-01-01";
            r["client"]!["timeZone"] = "Mars/Olympus";
            r["service"] = "Reiki";
            r["clinicalSummary"]!["precautions"]![0]!["code"] = "NOT_A_CODE";
            r.Remove("oncologist");
        });

        using var response = await refusing.PostReferralAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["client.dateOfBirth", "client.mobilePhone", "client.timeZone", "clinicalSummary.precautions[0].code", "oncologist", "service"], fields);
        Assert.Equal(0, await refusing.TotalRowsAsync());
        Assert.Empty(await refusing.InstancesAsync());
    }

    [Fact]
    public async Task Post_VenueNotInTheVenueStore_Returns422NamingVenueIdAndWritesNothing()
    {
        using var response = await refusing.PostReferralAsync(Samples.Referral(r => r["venueId"] = "closed-venue"), idempotencyKey: "unknown-venue-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal(["venueId"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await refusing.TotalRowsAsync());
        Assert.Empty(await refusing.InstancesAsync());
    }

    [Fact]
    public async Task Start_LocalHost_SeedsOneVenueOfEachType()
    {
        var venues = await host.RowsAsync(StorageTables.Venues);

        Assert.Equal(Enum.GetNames<OncologyMassage.Domain.Venues.VenueType>().Order(), venues.Select(v => v.GetString("Type")).Order());
    }

    [Theory]
    [InlineData("{ not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("client=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Post_UnreadableBody_ReturnsProblemDetailsAndWritesNothing(string body, string contentType, HttpStatusCode expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        using var response = await refusing.Http.PostAsync("api/referrals", content, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_ReturnsTheSameReferralAndCreatesOne()
    {
        var key = Guid.NewGuid().ToString();
        var (referralsBefore, instancesBefore) = ((await host.ReferralRowsAsync()).Count, (await host.InstancesAsync()).Count);
        using var first = await host.PostReferralAsync(Samples.Referral(), key);
        using var second = await host.PostReferralAsync(Samples.Referral(), key);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(referralsBefore + 1, (await host.ReferralRowsAsync()).Count);
        Assert.Equal(instancesBefore + 1, (await host.InstancesAsync()).Count);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyWithDifferentBody_Returns422AndCreatesNothingMore()
    {
        var key = Guid.NewGuid().ToString();
        var referralsBefore = (await host.ReferralRowsAsync()).Count;
        using var first = await host.PostReferralAsync(Samples.Referral(), key);
        using var second = await host.PostReferralAsync(Samples.Referral(r => r["notes"] = "Another client"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(referralsBefore + 1, (await host.ReferralRowsAsync()).Count);
    }

    [Theory]
    [InlineData("ref-0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    [InlineData("ref-../../etc")]
    public async Task Get_UnknownReferral_Returns404ProblemDetails(string id)
    {
        using var response = await host.Http.GetAsync($"api/referrals/{Uri.EscapeDataString(id)}", TestContext.Current.CancellationToken);
        using var timeline = await host.Http.GetAsync($"api/referrals/{Uri.EscapeDataString(id)}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (response.StatusCode, timeline.StatusCode));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_SubmittedReferral_ShowsStageVenueTimesAndNextStep()
    {
        using var response = await host.PostReferralAsync(Samples.Referral());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);

        var body = await host.Http.GetFromJsonAsync<JsonElement>(response.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal("MdReleaseRequested", body.GetProperty("stage").GetString());
        Assert.Equal("harbor-infusion-center", body.GetProperty("venueId").GetString());
        Assert.Equal("Waiting for the oncologist's release decision", body.GetProperty("nextExpectedStep").GetString());
        Assert.True(body.GetProperty("updatedAt").GetDateTimeOffset() >= body.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("Running", body.GetProperty("workflowStatus").GetString());
        Assert.False(body.TryGetProperty("client", out _), "The status must not echo the client's details.");
    }

    private static Task WaitForAsync(Func<Task<bool>> condition) => Eventually.UntilAsync(condition, "the referral's rows");
}
