using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OncologyMassage.Functions.Http;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Functions.Http.OpenApi;
using OncologyMassage.LocalHost.Http;

namespace OncologyMassage.IntegrationTests.Http.OpenApi;

/// <summary>
/// The OpenAPI description against the functions themselves: every [HttpTrigger] route and method is described with the
/// function's own caller, nothing else is, and the library reads the document back as valid OpenAPI 3.1.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>
    /// Routes deliberately left out of this description, by prefix. The FHIR R4 routes speak FHIR, not this JSON API:
    /// their contract is the CapabilityStatement at GET /api/fhir/r4/metadata (docs/fhir.md).
    /// </summary>
    public static readonly IReadOnlyList<string> ExcludedRoutePrefixes = ["fhir/r4/"];

    private static FunctionRouteMapper.HttpFunction[] Functions() =>
        FunctionRouteMapper.Discover(typeof(ReferralFunctions).Assembly, "")
            .Where(f => !ExcludedRoutePrefixes.Any(p => f.Route.TrimStart('/').StartsWith(p, StringComparison.Ordinal)))
            .ToArray();

    private static IEnumerable<string> Triggers() =>
        Functions().SelectMany(f => f.Methods.Select(m => $"{f.Name} {m.ToLowerInvariant()} {f.Route.TrimStart('/')}"));

    [Fact]
    public void Operations_EveryHttpTrigger_IsDescribedWithItsRouteAndMethodAndNothingElse()
    {
        var described = ApiOperations.All.Select(o => $"{o.Function} {o.Method} {o.Route}");

        Assert.Equal(Triggers().Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Document_Paths_AreExactlyTheTriggersRoutesAndMethods()
    {
        var paths = ApiDocument.Json["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key} {p.Key.TrimStart('/')}"));
        var triggers = Functions().SelectMany(f => f.Methods.Select(m => $"{m.ToLowerInvariant()} {f.Route.TrimStart('/').Replace("{*", "{", StringComparison.Ordinal)}"));

        Assert.Equal(triggers.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Operations_Caller_MatchesTheFunctionsCallerAttribute()
    {
        foreach (var function in Functions())
        {
            var requirement = function.Method.GetCustomAttribute<CallerRequirementAttribute>();
            ApiCaller[] expected = requirement switch
            {
                PracticeKeyAttribute => [ApiCaller.Practice],
                SignedInAttribute => [ApiCaller.PracticeOrCoordinator],
                CoordinatorsOnlyAttribute => [ApiCaller.Coordinator],
                ReferralScopedAttribute { CoordinatorsOnly: true } => [ApiCaller.Coordinator],
                ReferralScopedAttribute => [ApiCaller.PracticeOrCoordinator],
                SignedLinkAttribute => [ApiCaller.SignedLink],
                AnonymousAttribute => [ApiCaller.Anonymous, ApiCaller.TwilioSignature, ApiCaller.SendGridSignature],
                _ => [],
            };

            var described = Assert.Single(ApiOperations.All, o => o.Function == function.Name);
            Assert.True(expected.Contains(described.Caller), $"{function.Name} is {requirement?.GetType().Name} but described as {described.Caller}.");
        }
    }

    [Fact]
    public void Document_ReadBack_IsOpenApi31WithNoErrorsOrWarnings()
    {
        var json = ApiDocument.Serialise(ApiDocument.Document);

        var result = OpenApiDocument.Parse(json, "json");

        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic!.SpecificationVersion);
        Assert.Empty(result.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(result.Diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(ApiDocument.Document.Paths.Count, result.Document!.Paths.Count);
    }

    [Fact]
    public void Document_EveryJsonResponseSchemaReference_ResolvesToAComponent()
    {
        var schemas = ApiDocument.Json["components"]!["schemas"]!.AsObject();
        var references = Descendants(ApiDocument.Json["paths"]!)
            .OfType<JsonObject>().Select(o => o["$ref"]?.GetValue<string>()).OfType<string>()
            .Where(r => r.StartsWith("#/components/schemas/", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..].Split('/')[0]), r));
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject obj => new[] { node }.Concat(obj.SelectMany(p => p.Value is null ? [] : Descendants(p.Value))),
        JsonArray array => new[] { node }.Concat(array.SelectMany(c => c is null ? [] : Descendants(c))),
        _ => [node],
    };
}
