using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Functions.Http;
using OncologyMassage.Functions.Http.OpenApi;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Escalation;
using static OncologyMassage.IntegrationTests.Infrastructure.CoordinatorHost;

namespace OncologyMassage.IntegrationTests.Http.OpenApi;

/// <summary>
/// Real responses of the local host validate (JsonSchema.Net) against the schema the served description gives for
/// their route, method, status and media type; and the description is served anonymously at /api/openapi.json.
/// </summary>
public sealed class OpenApiResponseTests(SharedCoordinatorHost shared) : IClassFixture<SharedCoordinatorHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestHost host = shared.Host;

    [Fact]
    public async Task GetOpenApiDocument_Anonymous_Returns200JsonOfTheDescription()
    {
        using var anonymous = host.Anonymous();

        using var response = await anonymous.GetAsync("api/" + ApiRoutes.OpenApi, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.StartsWith("3.1.", served["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(ApiDocument.Json, served));
    }

    [Fact]
    public async Task PracticeResponses_SubmitGetTimelineAndProblems_MatchTheirDescribedSchemas()
    {
        using var submitted = await host.PostReferralAsync(Samples.Referral());
        await AssertDescribedAsync(submitted, ApiRoutes.Referrals, "post", HttpStatusCode.Accepted);
        var id = submitted.Headers.Location!.OriginalString.Split('/')[^1];

        using var referral = await host.Http.GetAsync($"api/referrals/{id}", Ct);
        await AssertDescribedAsync(referral, ApiRoutes.Referral, "get", HttpStatusCode.OK);

        using var timeline = await host.Http.GetAsync($"api/referrals/{id}/timeline", Ct);
        await AssertDescribedAsync(timeline, ApiRoutes.ReferralTimeline, "get", HttpStatusCode.OK);

        using var invalid = await host.PostReferralAsync("{}");
        await AssertDescribedAsync(invalid, ApiRoutes.Referrals, "post", HttpStatusCode.BadRequest);

        using var unknownVenue = await host.PostReferralAsync(Samples.Referral(r => r["venueId"] = "no-such-venue"));
        await AssertDescribedAsync(unknownVenue, ApiRoutes.Referrals, "post", HttpStatusCode.UnprocessableEntity);

        using var notFound = await host.Http.GetAsync("api/referrals/r-00000000000000000000000000000000", Ct);
        await AssertDescribedAsync(notFound, ApiRoutes.Referral, "get", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CoordinatorResponses_PipelineInboxFlagsAndConflict_MatchTheirDescribedSchemas()
    {
        var id = await host.SubmitAsync();
        var flag = await host.App.Services.GetRequiredService<RedFlags>().RaiseAsync(id, RedFlagLevel.Immediate, "SM" + Guid.NewGuid().ToString("N"), Ct);
        using var coordinator = await host.SignInAsync(HarborCoordinator);

        using var pipeline = await coordinator.GetAsync($"api/pipeline?venue={Harbor}", Ct);
        await AssertDescribedAsync(pipeline, ApiRoutes.Pipeline, "get", HttpStatusCode.OK);

        using var inbox = await coordinator.GetAsync("api/inbox", Ct);
        await AssertDescribedAsync(inbox, ApiRoutes.Inbox, "get", HttpStatusCode.OK);

        using var open = await coordinator.GetAsync($"api/flags?venue={Harbor}", Ct);
        await AssertDescribedAsync(open, ApiRoutes.OpenFlags, "get", HttpStatusCode.OK);

        using var flags = await coordinator.GetAsync($"api/referrals/{id}/flags", Ct);
        await AssertDescribedAsync(flags, ApiRoutes.ReferralFlags, "get", HttpStatusCode.OK);

        using var acknowledged = await AcknowledgeAsync(coordinator, id, flag!.FlagId);
        await AssertDescribedAsync(acknowledged, ApiRoutes.ReferralFlagAcknowledge, "post", HttpStatusCode.OK);

        using var again = await AcknowledgeAsync(coordinator, id, flag.FlagId);
        await AssertDescribedAsync(again, ApiRoutes.ReferralFlagAcknowledge, "post", HttpStatusCode.Conflict);
    }

    private static Task<HttpResponseMessage> AcknowledgeAsync(HttpClient client, string id, string flagId) =>
        client.PostAsync($"api/referrals/{id}/flags/{flagId}/acknowledge",
            new StringContent("""{"note":"Called the client back."}""", Encoding.UTF8, "application/json"), Ct);

    /// <summary>The response has the status, a media type the description lists for it, and a body valid against its schema.</summary>
    private static async Task AssertDescribedAsync(HttpResponseMessage response, string route, string method, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"{method} {route}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var mediaType = response.Content.Headers.ContentType!.MediaType!;
        var described = ApiDocument.Json["paths"]!["/" + route]?[method]?["responses"]?[((int)status).ToString(CultureInfo.InvariantCulture)]?["content"]?[mediaType]?["schema"];
        Assert.True(described is not null, $"{method} {route} {(int)status} {mediaType} is not described.");

        var results = SchemaOf(described).Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, $"{method} {route} {(int)status}: {string.Join("; ",
            (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {d.EvaluationPath}: {e.Value}")))}");
    }

    /// <summary>The response's schema as a standalone JSON Schema 2020-12: the document's components become its $defs.</summary>
    private static JsonSchema SchemaOf(JsonNode described)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = ApiDocument.Json["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(described.DeepClone()),
        };
        return JsonSchema.FromText(root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }
}
