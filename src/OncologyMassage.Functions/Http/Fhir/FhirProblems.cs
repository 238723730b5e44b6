using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using OncologyMassage.Fhir;

namespace OncologyMassage.Functions.Http.Fhir;

/// <summary>
/// The refusals every route shares (401, 404 outside the caller's scope, 413, 429, 5xx), as an OperationOutcome on the
/// FHIR routes: <see cref="Problems.Create"/> asks here first, so a FHIR client never has to read problem+json.
/// </summary>
public static class FhirProblems
{
    private static readonly PathString Base = $"/{RouteTemplates.Prefix}/{ApiRoutes.FhirBase}";

    public static bool IsFhir(HttpRequest request) =>
        request?.Path.StartsWithSegments(Base, StringComparison.OrdinalIgnoreCase) ?? throw new ArgumentNullException(nameof(request));

    public static ApiResult Create(int status, string detail)
    {
        var outcome = FhirOutcomes.One(IssueType(status), detail);
        using var json = JsonDocument.Parse(FhirJson.Serialize(outcome));
        return new ApiResult(status, json.RootElement.Clone(), FhirJson.MediaType);
    }

    private static OperationOutcome.IssueType IssueType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
        StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        >= 500 => OperationOutcome.IssueType.Exception,
        _ => OperationOutcome.IssueType.Invalid,
    };
}
