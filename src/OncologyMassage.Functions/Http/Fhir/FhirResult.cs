using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using OncologyMassage.Fhir;

namespace OncologyMassage.Functions.Http.Fhir;

/// <summary>A FHIR resource as the response, in the media type the caller negotiated (<see cref="FhirNegotiation"/>).</summary>
public sealed class FhirResult(int statusCode, Resource resource, string mediaType = FhirJson.MediaType) : IActionResult
{
    public int StatusCode { get; } = statusCode;

    public Resource Resource { get; } = resource;

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public FhirResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async System.Threading.Tasks.Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;

        // As every JSON answer here: it may carry personal data, so never cached and never sniffed as something else.
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType = mediaType + "; fhirVersion=4.0; charset=utf-8";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(FhirJson.Serialize(Resource)), context.HttpContext.RequestAborted);
    }

    /// <summary>An OperationOutcome with these issues.</summary>
    public static FhirResult Outcome(int statusCode, IEnumerable<FhirIssue> issues, string mediaType = FhirJson.MediaType) =>
        new(statusCode, FhirOutcomes.From(issues), mediaType);

    /// <summary>An OperationOutcome with one issue about the request as a whole.</summary>
    public static FhirResult Outcome(int statusCode, OperationOutcome.IssueType code, string diagnostics, string mediaType = FhirJson.MediaType) =>
        new(statusCode, FhirOutcomes.One(code, diagnostics), mediaType);
}
