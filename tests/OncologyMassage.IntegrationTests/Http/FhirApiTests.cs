using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// The FHIR R4 surface (docs/fhir.md) on the real engine and Azurite: a referral Bundle becomes the same referral as the
/// JSON API's; its Task follows the stage; broken Bundles get an OperationOutcome and write nothing; a practice never
/// reads another practice's Task.
/// </summary>
public sealed class FhirApiTests(SharedHost shared, QuietHost quiet) : IClassFixture<SharedHost>, IClassFixture<QuietHost>
{
    private const string FhirJson = "application/fhir+json";
    private readonly TestHost host = shared.Host;

    /// <summary>Receives only bundles that must be refused, so its store stays empty.</summary>
    private readonly TestHost refusing = quiet.Host;

    /// <summary>The bundle identifier of this test: the host is shared by the class, and a bundle is deduplicated by its identifier.</summary>
    private readonly string bundleIdentifier = "harbor-oncology-referral-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>docs/samples/referral-bundle.json under this test's own bundle identifier.</summary>
    private string SampleBundle()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral-bundle.json")))!;
        node["identifier"]!["value"] = bundleIdentifier;
        return node.ToJsonString();
    }

    private static string TestBundle(string name) =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests", "OncologyMassage.Fhir.Tests", "Bundles", name));

    private string Edited(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(SampleBundle())!;
        edit(node);
        return node.ToJsonString();
    }

    private async Task<HttpResponseMessage> PostBundleAsync(string json, string contentType = FhirJson, string? apiKey = null, TestHost? to = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/fhir/r4/Bundle") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (apiKey is not null)
        {
            request.Headers.Remove("X-Api-Key");
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await (to ?? host).Http.SendAsync(request, Ct);
    }

    private async Task<JsonElement> GetFhirAsync(string path, string? apiKey = null)
    {
        using var response = await SendGetAsync(path, apiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<HttpResponseMessage> SendGetAsync(string path, string? apiKey = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };
        if (apiKey is null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", TestHost.DemoPracticeKey);
        }

        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task PostBundle_SampleReferral_Returns201WithTheTaskAndStartsTheReferral()
    {
        using var response = await PostBundleAsync(SampleBundle());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/api/fhir/r4/Task/ref-", location, StringComparison.Ordinal);
        var id = location["/api/fhir/r4/Task/".Length..];
        var instance = await host.Durable.WaitForInstanceStartAsync(id, Ct);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);

        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);
        var task = await GetFhirAsync(location.TrimStart('/'));
        Assert.Equal(("Task", id, "accepted"), (task.GetProperty("resourceType").GetString(), task.GetProperty("id").GetString(), task.GetProperty("status").GetString()));
        Assert.Equal("md-release-requested", task.GetProperty("businessStatus").GetProperty("coding")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostBundle_SampleReferral_StoresTheSameReferralAsTheJsonApiWithLanguageAndTheVenuesTimeZone()
    {
        using var response = await PostBundleAsync(SampleBundle());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = response.Headers.Location!.OriginalString.Split('/')[^1];

        var row = Assert.Single(await host.ReferralRowsAsync(), r => r.PartitionKey == id);
        using var referral = JsonDocument.Parse(row.GetString("Referral"));
        var client = referral.RootElement.GetProperty("client");
        Assert.Equal(("+16175550143", "America/New_York", "es"),
            (client.GetProperty("mobilePhone").GetString(), client.GetProperty("timeZone").GetString(), client.GetProperty("preferredLanguage").GetString()));
        Assert.Equal(3, referral.RootElement.GetProperty("sessionsAuthorised").GetInt32());
        Assert.Equal("demo-practice", row.GetString("PracticeId"));
    }

    [Fact]
    public async Task PostBundle_SameIdentifierTwice_AnswersTheSameTaskAndCreatesOneReferral()
    {
        var referralsBefore = (await host.ReferralRowsAsync()).Count;
        using var first = await PostBundleAsync(SampleBundle());
        using var again = await PostBundleAsync(Edited(b => b["timestamp"] = "2026-12-01T10:00:00Z"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(referralsBefore + 1, (await host.ReferralRowsAsync()).Count);
    }

    [Fact]
    public async Task PostBundle_SameIdentifierDifferentReferral_Returns422AndWritesNoSecondReferral()
    {
        var referralsBefore = (await host.ReferralRowsAsync()).Count;
        using var first = await PostBundleAsync(SampleBundle());
        using var other = await PostBundleAsync(Edited(b => b["entry"]![0]!["resource"]!["quantityQuantity"]!["value"] = 6));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("duplicate", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issue")[0].GetProperty("code").GetString());
        Assert.Equal(referralsBefore + 1, (await host.ReferralRowsAsync()).Count);
    }

    [Theory]
    [InlineData("broken-unparseable.json", HttpStatusCode.BadRequest, "Bundle.entry[1].resource.birthDate")]
    [InlineData("broken-not-r4.json", HttpStatusCode.UnprocessableEntity, "Bundle.entry[0].resource")]
    [InlineData("broken-no-venue.json", HttpStatusCode.UnprocessableEntity, "Bundle.entry[0].resource.performer")]
    [InlineData("broken-domain-rules.json", HttpStatusCode.UnprocessableEntity, "Bundle.entry[1].resource.birthDate")]
    public async Task PostBundle_BrokenBundle_AnswersAnOperationOutcomeNamingTheElementAndWritesNothing(string name, HttpStatusCode expected, string expression)
    {
        using var response = await PostBundleAsync(TestBundle(name), to: refusing);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var expressions = outcome.GetProperty("issue").EnumerateArray()
            .SelectMany(i => i.TryGetProperty("expression", out var e) ? e.EnumerateArray().Select(x => x.GetString()!) : []).ToArray();
        Assert.Contains(expressions, e => e.StartsWith(expression, StringComparison.Ordinal));
        Assert.Equal(0, await refusing.TotalRowsAsync());
        Assert.Empty(await refusing.InstancesAsync());
    }

    [Fact]
    public async Task PostBundle_VenueNotInTheStore_Returns422AtThePerformerAndWritesNothing()
    {
        using var response = await PostBundleAsync(Edited(b => b["entry"]![0]!["resource"]!["performer"]![0]!["identifier"]!["value"] = "closed-venue"), to: refusing);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issue = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issue")[0];
        Assert.Equal("Bundle.entry[0].resource.performer[0]", issue.GetProperty("expression")[0].GetString());
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Theory]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/fhir+xml", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/fhir+json; fhirVersion=5.0", HttpStatusCode.UnsupportedMediaType)]
    public async Task PostBundle_NotFhirJsonR4_Returns415AndWritesNothing(string contentType, HttpStatusCode expected)
    {
        using var response = await PostBundleAsync(SampleBundle(), contentType, to: refusing);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Fact]
    public async Task PostBundle_PlainJsonContentType_IsAccepted()
    {
        using var response = await PostBundleAsync(SampleBundle(), "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PostBundle_WithoutAPracticeKey_Returns401OperationOutcomeAndWritesNothing()
    {
        using var client = new HttpClient { BaseAddress = refusing.Http.BaseAddress };
        using var content = new StringContent(SampleBundle(), Encoding.UTF8, FhirJson);

        using var response = await client.PostAsync("api/fhir/r4/Bundle", content, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("login", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issue")[0].GetProperty("code").GetString());
        Assert.Equal(0, await refusing.TotalRowsAsync());
    }

    [Fact]
    public async Task GetTask_AnotherPracticesReferral_Returns404OperationOutcome()
    {
        using var posted = await PostBundleAsync(SampleBundle());
        var location = posted.Headers.Location!.OriginalString.TrimStart('/');
        var otherKey = PracticeKeys.NewKey();
        await host.App.Services.GetRequiredService<IPracticeKeyStore>().AddKeyAsync(new Practice("other-practice", "Other Oncology"), otherKey, Ct);

        using var response = await SendGetAsync(location, otherKey);
        using var serviceRequest = await SendGetAsync(location.Replace("/Task/", "/ServiceRequest/", StringComparison.Ordinal), otherKey);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (response.StatusCode, serviceRequest.StatusCode));
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not-found", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issue")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetServiceRequest_OwnReferral_ReturnsTheVenueAndSessions()
    {
        using var posted = await PostBundleAsync(SampleBundle());
        var id = posted.Headers.Location!.OriginalString.Split('/')[^1];

        var request = await GetFhirAsync($"api/fhir/r4/ServiceRequest/{id}");

        Assert.Equal("harbor-infusion-center", request.GetProperty("performer")[0].GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal(3, request.GetProperty("quantityQuantity").GetProperty("value").GetInt32());
    }

    [Theory]
    [InlineData("application/fhir+xml")]
    [InlineData("text/html")]
    public async Task GetTask_AcceptsOnlyXmlOrHtml_Returns406(string accept)
    {
        using var posted = await PostBundleAsync(SampleBundle());

        using var response = await SendGetAsync(posted.Headers.Location!.OriginalString.TrimStart('/'), accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("api/fhir/r4/metadata", FhirJson)]
    [InlineData("api/fhir/r4/metadata?_format=json", FhirJson)]
    [InlineData("api/fhir/r4/metadata?_format=application/json", "application/json")]
    public async Task GetMetadata_Anonymous_ReturnsTheCapabilityStatement(string path, string mediaType)
    {
        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("CapabilityStatement", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task GetMetadata_FormatXml_Returns406()
    {
        using var client = new HttpClient { BaseAddress = host.Http.BaseAddress };

        using var response = await client.GetAsync("api/fhir/r4/metadata?_format=xml", Ct);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task GetFeedback_JourneyNotComplete_Returns404OperationOutcome()
    {
        using var posted = await PostBundleAsync(SampleBundle());
        var id = posted.Headers.Location!.OriginalString.Split('/')[^1];

        using var response = await SendGetAsync($"api/fhir/r4/Bundle/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetFeedback_CompletedJourney_ReturnsTheDocumentAndTheTaskNamesIt()
    {
        var id = await StoreCompletedReferralAsync();

        var task = await GetFhirAsync($"api/fhir/r4/Task/{id}");
        var feedback = await GetFhirAsync($"api/fhir/r4/Bundle/{id}");

        Assert.Equal($"Bundle/{id}", task.GetProperty("output")[0].GetProperty("valueReference").GetProperty("reference").GetString());
        Assert.Equal("document", feedback.GetProperty("type").GetString());
        var codes = feedback.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource"))
            .Where(r => r.GetProperty("resourceType").GetString() == "Observation")
            .Select(r => r.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()).ToArray();
        Assert.Equal(["pain-before", "pain-after", "anxiety-before", "anxiety-after", "sessions-given"], codes);
    }

    /// <summary>A referral of the demo practice stored as completed, with one session: the journey's end without running it.</summary>
    private async Task<string> StoreCompletedReferralAsync()
    {
        var request = JsonSerializer.Deserialize<ReferralRequest>(Samples.Referral(), OncologyMassage.Functions.Http.ApiJson.Options);
        var referral = host.App.Services.GetRequiredService<ReferralNormalizer>().Normalize(request, DateOnly.FromDateTime(DateTime.UtcNow)).Referral!;
        var id = "ref-" + Guid.CreateVersion7().ToString("N");
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        await host.App.Services.GetRequiredService<IReferralStore>()
            .TryCreateAsync(new ReferralRecord(id, "demo-practice", referral, Stage.Completed, 9, at, at.AddDays(29), null), Ct);
        await host.App.Services.GetRequiredService<ISessionStore>().TryRecordSessionAsync(new SessionRecord(id, "harbor-infusion-center", 1, at.AddDays(7),
            "therapist-1", 2, [], "Supine", new SymptomRatings(pain: 5, anxiety: 6), new SymptomRatings(pain: 2, anxiety: 3), null, null), Ct);
        return id;
    }
}
