using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Functions.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of the HTTP API, built from <see cref="ApiOperations"/>. JSON schemas come from the very
/// records the functions serialise, through <see cref="JsonSchemaExporter"/> with <see cref="ApiJson.Options"/>, so they
/// cannot drift from the wire format.
/// </summary>
public static class ApiDocument
{
    public const string PracticeKeyScheme = "practiceKey";
    public const string CoordinatorSessionScheme = "coordinatorSession";
    public const string TwilioSignatureScheme = "twilioSignature";
    public const string SendGridSignatureScheme = "sendGridSignature";

    /// <summary>The API's own JSON options, with the reflection resolver the exporter needs made explicit (a copy: the API's stay untouched).</summary>
    private static readonly JsonSerializerOptions SchemaOptions = new(ApiJson.Options) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    /// <summary>As <see cref="SchemaOptions"/> for what the API writes: numbers are written as numbers (it only reads them from strings too).</summary>
    private static readonly JsonSerializerOptions ResponseSchemaOptions = new(SchemaOptions) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    private static readonly Lazy<OpenApiDocument> Built = new(Build);
    private static readonly Lazy<JsonNode> Serialised = new(() => JsonNode.Parse(Serialise(Built.Value))!);

    /// <summary>The description as a model.</summary>
    public static OpenApiDocument Document => Built.Value;

    /// <summary>The description as served, OpenAPI 3.1 JSON.</summary>
    public static JsonNode Json => Serialised.Value;

    /// <summary>The component name of a type's schema.</summary>
    public static string SchemaName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsArray ? SchemaName(type.GetElementType()!) + "List" : type.Name;
    }

    public static string Serialise(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static OpenApiDocument Build()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Oncology massage referrals",
                Version = "1",
                Description = "Referrals from oncology practices, the coordinators' API, the signed-link pages and the messaging webhooks. "
                    + "Errors are RFC 9457 problem details (application/problem+json).",
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [PracticeKeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = PracticeKeys.Header,
                        Description = "The referring practice's API key.",
                    },
                    [CoordinatorSessionScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "AppServiceAuthSession",
                        Description = "A coordinator signed in through App Service Authentication (locally the dev sign-in cookie om_dev_coordinator). "
                            + "Unsafe requests must be same-site and JSON.",
                    },
                    [TwilioSignatureScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Twilio-Signature",
                        Description = "Twilio's signature over the public URL and every form field.",
                    },
                    [SendGridSignatureScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Twilio-Email-Event-Webhook-Signature",
                        Description = "SendGrid's signed event webhook (ECDSA over the timestamp header X-Twilio-Email-Event-Webhook-Timestamp and the body).",
                    },
                },
            },
        };

        foreach (var route in ApiOperations.All.GroupBy(o => o.Route, StringComparer.Ordinal))
        {
            var path = new OpenApiPathItem { Operations = [] };
            foreach (var operation in route)
            {
                path.Operations[HttpMethod.Parse(operation.Method)] = Describe(document, operation);
            }

            document.Paths["/" + route.Key.Replace("{*", "{", StringComparison.Ordinal)] = path;
        }

        return document;
    }

    private static OpenApiOperation Describe(OpenApiDocument document, ApiOperation operation)
    {
        var described = new OpenApiOperation
        {
            OperationId = operation.Function,
            Summary = operation.Summary,
            Parameters = [.. PathParameters(operation.Route)],
            Responses = [],
            Security = [.. Security(document, operation.Caller)],
        };

        if (operation.Request is { } request)
        {
            described.RequestBody = new OpenApiRequestBody { Required = true, Content = Content(document, request, response: false) };
        }

        foreach (var (status, body) in operation.Responses.Concat(GateResponses(operation.Caller, operation.Method).Where(g => !operation.Responses.ContainsKey(g.Key))).OrderBy(r => r.Key))
        {
            described.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                Content = body is null ? null : Content(document, body, response: true),
            };
        }

        return described;
    }

    /// <summary>The refusals the caller gate answers before the function runs (Http/Access/CallerRequirements.cs).</summary>
    private static IEnumerable<KeyValuePair<int, ApiBody?>> GateResponses(ApiCaller caller, string method)
    {
        var unsafeMethod = !string.Equals(method, "get", StringComparison.OrdinalIgnoreCase);
        var problem = new ApiBody(ApiOperations.ProblemJson, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails));
        int[] statuses = caller switch
        {
            ApiCaller.Practice => [401, 429],
            ApiCaller.PracticeOrCoordinator or ApiCaller.Coordinator when unsafeMethod => [401, 403, 415, 429, 503],
            ApiCaller.PracticeOrCoordinator or ApiCaller.Coordinator => [401, 403, 429, 503],
            ApiCaller.TwilioSignature or ApiCaller.SendGridSignature => [429],
            _ => [],
        };
        return statuses.Select(s => new KeyValuePair<int, ApiBody?>(s, problem));
    }

    private static IEnumerable<IOpenApiParameter> PathParameters(string route) =>
        route.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}', '*')).Select(name => new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Path,
            Required = true,
            Description = name switch
            {
                "token" => "The signed link's token: the whole credential for the page (signature, expiry, purpose, single use).",
                "id" => "The referral's id.",
                _ => null,
            },
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

    private static IEnumerable<OpenApiSecurityRequirement> Security(OpenApiDocument document, ApiCaller caller)
    {
        OpenApiSecurityRequirement Requirement(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
        return caller switch
        {
            ApiCaller.Practice => [Requirement(PracticeKeyScheme)],
            ApiCaller.PracticeOrCoordinator => [Requirement(PracticeKeyScheme), Requirement(CoordinatorSessionScheme)],
            ApiCaller.Coordinator => [Requirement(CoordinatorSessionScheme)],
            ApiCaller.TwilioSignature => [Requirement(TwilioSignatureScheme)],
            ApiCaller.SendGridSignature => [Requirement(SendGridSignatureScheme)],
            _ => [new OpenApiSecurityRequirement()],
        };
    }

    private static Dictionary<string, IOpenApiMediaType> Content(OpenApiDocument document, ApiBody body, bool response) => new(StringComparer.Ordinal)
    {
        [body.MediaType] = new OpenApiMediaType { Schema = body.Type is null ? null : SchemaOf(document, body.Type, response) },
    };

    private static OpenApiSchemaReference SchemaOf(OpenApiDocument document, Type type, bool response)
    {
        var name = SchemaName(type);
        if (!document.Components!.Schemas!.ContainsKey(name))
        {
            var node = (response ? ResponseSchemaOptions : SchemaOptions).GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = response ? Exact : null,
            });
            Rebase(node, $"#/components/schemas/{name}");
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(node.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json")
                ?? throw new InvalidOperationException($"The schema of {type.Name} could not be read: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
            document.Components.Schemas[name] = schema;
        }

        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>
    /// A response's objects exactly as the API writes them: no other members, and every member that cannot be null always
    /// present (the API omits only nulls). Types with extension data (problem details) stay open.
    /// </summary>
    private static JsonNode Exact(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo is null && typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.TypeInfo.Type) && schema is JsonObject problem)
        {
            problem["required"] = new JsonArray("type", "title", "status"); // Problems always sets them (RFC 9457)
        }

        if (context.PropertyInfo is null && context.TypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
            && schema is JsonObject obj && !context.TypeInfo.Properties.Any(p => p.IsExtensionData))
        {
            obj["additionalProperties"] = false;
            var required = context.TypeInfo.Properties.Where(p => p.Get is not null && !p.IsGetNullable).Select(p => (JsonNode)p.Name).ToArray();
            if (required.Length > 0)
            {
                obj["required"] = new JsonArray(required);
            }
        }

        return schema;
    }

    /// <summary>The exporter's "$ref": "#/..." pointers (recursive types) point into the schema's own root: move them under the component.</summary>
    private static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var pointer) && pointer.StartsWith('#'))
                {
                    obj["$ref"] = root + pointer[1..];
                }

                foreach (var (_, child) in obj.ToArray())
                {
                    Rebase(child, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rebase(child, root);
                }

                break;
        }
    }
}
