using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OncologyMassage.Functions.Http;

/// <summary>RFC 9457 problem details for every refusal. Bodies name fields and rules, never clinical content.</summary>
public static class Problems
{
    private const string ContentType = "application/problem+json";

    public static ApiResult Validation(HttpRequest request, IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Type = "https://oncologymassage.dev/problems/validation",
            Title = "The request has invalid fields.",
            Status = StatusCodes.Status400BadRequest,
            Detail = $"{errors.Count} field(s) need attention: {string.Join(", ", errors.Keys.Where(k => k.Length > 0))}".TrimEnd(' ', ':'),
            Instance = request.Path,
        };
        return new ApiResult(problem.Status.Value, problem, ContentType);
    }

    /// <summary>422: the fields are well formed but refer to something that does not exist (an unknown venue).</summary>
    public static ApiResult Unprocessable(HttpRequest request, IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Type = "https://oncologymassage.dev/problems/unprocessable",
            Title = "The request refers to something that does not exist.",
            Status = StatusCodes.Status422UnprocessableEntity,
            Detail = $"Check: {string.Join(", ", errors.Keys)}",
            Instance = request.Path,
        };
        return new ApiResult(problem.Status.Value, problem, ContentType);
    }

    public static ApiResult BadRequest(HttpRequest request, string detail) =>
        Create(request, StatusCodes.Status400BadRequest, "bad-request", "The request could not be read.", detail);

    public static ApiResult NotFound(HttpRequest request, string detail) =>
        Create(request, StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static ApiResult UnsupportedMediaType(HttpRequest request) =>
        Create(request, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
            "Send the referral as JSON with Content-Type: application/json.");

    public static ApiResult TooLarge(HttpRequest request, long limit) =>
        Create(request, StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large.",
            $"The body may be at most {limit} bytes.");

    public static ApiResult IdempotencyKeyReused(HttpRequest request) =>
        Create(request, StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "The Idempotency-Key was used for a different request.",
            "Use a new Idempotency-Key for a new referral; repeat the exact same body to retry.");

    public static ApiResult Create(HttpRequest request, int status, string type, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Fhir.FhirProblems.IsFhir(request))
        {
            return Fhir.FhirProblems.Create(status, detail); // FHIR clients read OperationOutcome, not problem+json
        }

        return new ApiResult(status, new ProblemDetails
        {
            Type = $"https://oncologymassage.dev/problems/{type}",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = request.Path,
        }, ContentType);
    }
}
