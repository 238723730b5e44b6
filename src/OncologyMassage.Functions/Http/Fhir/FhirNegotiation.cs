using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OncologyMassage.Fhir;

namespace OncologyMassage.Functions.Http.Fhir;

/// <summary>
/// Content negotiation as FHIR's HTTP page says, for JSON only: <c>_format</c> (json, application/json,
/// application/fhir+json) overrides Accept; Accept may name application/fhir+json, application/json or a wildcard; any
/// other format (XML, Turtle) is 406. A body must be sent as application/fhir+json or application/json (415 otherwise).
/// A <c>fhirVersion</c> parameter, when given, must be 4.0.
/// </summary>
public static class FhirNegotiation
{
    private const string Json = "application/json";

    /// <summary>The media type to answer in, or the 406 to answer with.</summary>
    public static (string? MediaType, FhirResult? Refusal) ResponseType(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return format.Trim().ToLowerInvariant() switch
            {
                "json" or FhirJson.MediaType => (FhirJson.MediaType, null),
                Json => (Json, null),
                _ => (null, NotAcceptable()),
            };
        }

        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0 || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept.OfType<string>().ToArray(), out var ranges))
        {
            return (FhirJson.MediaType, null);
        }

        foreach (var range in ranges.Where(r => r.Quality is null or > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            if (!IsR4(range))
            {
                continue;
            }

            var type = range.MediaType.Value?.ToLowerInvariant();
            if (type is FhirJson.MediaType or "*/*" or "application/*")
            {
                return (FhirJson.MediaType, null);
            }

            if (type == Json)
            {
                return (Json, null);
            }
        }

        return (null, NotAcceptable());
    }

    /// <summary>Whether the body is declared as FHIR JSON (or plain JSON) for R4.</summary>
    public static bool IsFhirJsonBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Value?.ToLowerInvariant() is FhirJson.MediaType or Json
            && IsR4(type);
    }

    public static FhirResult UnsupportedMediaType() => FhirResult.Outcome(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
        "Send the Bundle as application/fhir+json (FHIR R4 JSON).");

    private static FhirResult NotAcceptable() => FhirResult.Outcome(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported,
        "This server answers in FHIR R4 JSON only: accept application/fhir+json or application/json, or use _format=json.");

    private static bool IsR4(MediaTypeHeaderValue type)
    {
        var version = type.Parameters.FirstOrDefault(p => p.Name.Equals("fhirVersion", StringComparison.OrdinalIgnoreCase))?.Value.Value;
        return version is null || version.Trim('"') is "4.0" or "4.0.1";
    }
}
