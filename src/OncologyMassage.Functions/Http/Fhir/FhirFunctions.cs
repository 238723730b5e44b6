using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Fhir;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Functions.Http.Fhir;

/// <summary>
/// Referrals over FHIR R4 (docs/fhir.md): a practice POSTs a referral Bundle, which becomes the same referral as the JSON
/// API's (same submission service, validation, practice key and idempotency), then reads its Task, ServiceRequest and,
/// once the journey completes, the feedback document. The ids are referral ids, scoped as every referral route is
/// (<see cref="ReferralScopedAttribute"/>). Thin: the mapping and validation are in OncologyMassage.Fhir.
/// </summary>
public sealed class FhirFunctions(
    ReferralSubmissions submissions,
    ReferralScope scope,
    IVenueStore venues,
    ISessionStore sessions,
    FhirBundleValidator validator,
    TimeProvider clock)
{
    [Function(nameof(SubmitFhirBundle))]
    [PracticeKey]
    public async Task<IActionResult> SubmitFhirBundle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.FhirBundles)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var practice = request.Practice();
        var (mediaType, notAcceptable) = FhirNegotiation.ResponseType(request);
        if (mediaType is null)
        {
            return notAcceptable!;
        }

        if (!FhirNegotiation.IsFhirJsonBody(request))
        {
            return FhirNegotiation.UnsupportedMediaType();
        }

        var (body, tooLarge) = await BoundedBody.ReadAsync(request, ReferralFunctions.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return tooLarge!;
        }

        var (resource, unreadable) = FhirJson.Parse(body);
        if (resource is null)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, unreadable, mediaType);
        }

        // Everything wrong with the Bundle at once: core R4 conformance, then the referral shape this service needs.
        var mapping = FhirReferralMapper.Map(resource);
        var issues = validator.Validate(resource).Concat(mapping.Issues).ToArray();
        if (issues.Length > 0 || mapping.Request is null)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, issues, mediaType);
        }

        var venueId = mapping.Request.VenueId!;
        var venue = await venues.GetAsync(venueId, cancellationToken);
        if (venue is null)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity,
                [new FhirIssue(mapping.ExpressionFor("venueId"), $"There is no venue {venueId}. Use the id of one of the clinic's venues.", OperationOutcome.IssueType.NotFound)],
                mediaType);
        }

        mapping.DefaultTimeZone(venue.TimeZone);
        var token = mapping.IdempotencyKey is { } key ? new IdempotencyToken(key, mapping.RequestHash()) : null;
        var caller = new Workflow.Access.PracticeCaller(practice.Id, practice.Name);
        var result = await submissions.SubmitAsync(practice, mapping.Request, token, cancellationToken,
            scope.RecordSubmission(caller, nameof(SubmitFhirBundle)), scope.RecordSubmissionNotStored(caller, nameof(SubmitFhirBundle)));
        switch (result)
        {
            case SubmissionResult.Accepted accepted:
                var task = ReferralResources.Task(ToFhir(accepted.Referral));
                return new FhirResult(accepted.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created, task, mediaType)
                    .WithHeader("Location", $"{request.PathBase}/{RouteTemplates.Prefix}/{ApiRoutes.FhirBase}/Task/{accepted.Referral.Id}");
            case SubmissionResult.Invalid invalid:
                return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, mapping.IssuesFor(invalid.Errors), mediaType);
            case SubmissionResult.KeyReused:
                return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity,
                    [new FhirIssue("Bundle.identifier", "This identifier was sent before with a different referral. Give a new referral a new identifier; resend the same referral to retry.", OperationOutcome.IssueType.Duplicate)],
                    mediaType);
            case SubmissionResult.UnknownVenue unknown:
                return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity,
                    [new FhirIssue(mapping.ExpressionFor("venueId"), $"There is no venue {unknown.VenueId}.", OperationOutcome.IssueType.NotFound)], mediaType);
            default:
                throw new InvalidOperationException($"Unknown submission result {result.GetType().Name}.");
        }
    }

    [Function(nameof(GetFhirTask))]
    [ReferralScoped]
    public Task<IActionResult> GetFhirTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.FhirTask)] HttpRequest request) =>
        Task.FromResult<IActionResult>(Read(request, referral => ReferralResources.Task(referral)));

    [Function(nameof(GetFhirServiceRequest))]
    [ReferralScoped]
    public Task<IActionResult> GetFhirServiceRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.FhirServiceRequest)] HttpRequest request) =>
        Task.FromResult<IActionResult>(Read(request, referral => ReferralResources.ServiceRequest(referral)));

    [Function(nameof(GetFhirFeedback))]
    [ReferralScoped]
    public async Task<IActionResult> GetFhirFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.FhirFeedback)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (mediaType, notAcceptable) = FhirNegotiation.ResponseType(request);
        if (mediaType is null)
        {
            return notAcceptable!;
        }

        var record = request.Referral();
        if (record.Stage != Stage.Completed)
        {
            return FhirResult.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
                $"Referral {record.Id} has no feedback yet: it is sent when the journey completes (the Task's output then names it).", mediaType);
        }

        var given = await sessions.ListSessionsAsync(record.Id, cancellationToken);
        var document = ReferralResources.Feedback(ToFhir(record), given.Select(s => s.ToOutcome()).ToArray(), clock.GetUtcNow());
        return new FhirResult(StatusCodes.Status200OK, document, mediaType);
    }

    [Function(nameof(GetFhirMetadata))]
    [Anonymous("The CapabilityStatement: public by the FHIR specification, and it names no referral.")]
    public Task<IActionResult> GetFhirMetadata(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.FhirMetadata)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (mediaType, notAcceptable) = FhirNegotiation.ResponseType(request);
        return Task.FromResult<IActionResult>(mediaType is null
            ? notAcceptable!
            : new FhirResult(StatusCodes.Status200OK, Capabilities.Statement($"{request.PathBase}/{RouteTemplates.Prefix}/{ApiRoutes.FhirBase}"), mediaType));
    }

    private static FhirResult Read(HttpRequest request, Func<FhirReferral, Resource> view)
    {
        var (mediaType, notAcceptable) = FhirNegotiation.ResponseType(request);
        return mediaType is null ? notAcceptable! : new FhirResult(StatusCodes.Status200OK, view(ToFhir(request.Referral())), mediaType);
    }

    private static FhirReferral ToFhir(ReferralRecord record) => new(record.Id, record.Referral, record.Stage, record.CreatedAt, record.UpdatedAt);
}
