using System.Net.Mime;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Referrals over HTTP: practices submit (X-Api-Key); practices and the coordinators of the referral's venue read it
/// and its timeline (<see cref="ReferralScope"/>: anyone else's id is simply not found). Thin: parsing and HTTP shapes
/// here, the rules in the workflow.
/// </summary>
public sealed class ReferralFunctions(ReferralSubmissions submissions, IReferralStore referrals, ReferralScope scope, IReferralWorkflowClient workflow)
{
    /// <summary>Largest accepted referral body.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    [Function(nameof(SubmitReferral))]
    [PracticeKey]
    public async Task<IActionResult> SubmitReferral(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Referrals)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var practice = request.Practice();
        if (!IsJson(request.ContentType))
        {
            return Problems.UnsupportedMediaType(request);
        }

        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 0 && (key.Length > 255 || key.Any(char.IsControl)))
        {
            return Problems.Validation(request, new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["The Idempotency-Key header must be 1 to 255 printable characters."],
            });
        }

        var (body, tooLarge) = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return tooLarge!;
        }

        ReferralRequest? referral;
        try
        {
            referral = JsonSerializer.Deserialize<ReferralRequest>(body, ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest(request, $"The body is not a valid referral JSON document (at {ex.Path ?? "$"}, line {ex.LineNumber + 1}).");
        }

        var token = key.Length == 0 ? null : new IdempotencyToken(key, Convert.ToHexStringLower(SHA256.HashData(body)));
        var caller = new Workflow.Access.PracticeCaller(practice.Id, practice.Name);
        var result = await submissions.SubmitAsync(practice, referral, token, cancellationToken,
            scope.RecordSubmission(caller, nameof(SubmitReferral)), scope.RecordSubmissionNotStored(caller, nameof(SubmitReferral)));

        return result switch
        {
            SubmissionResult.Accepted accepted => new ApiResult(StatusCodes.Status202Accepted, new SubmittedReferral(accepted.Referral.Id, accepted.Referral.Stage))
                .WithHeader("Location", $"{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{accepted.Referral.Id}"),
            SubmissionResult.Invalid invalid => Problems.Validation(request, invalid.Errors),
            SubmissionResult.KeyReused => Problems.IdempotencyKeyReused(request),
            SubmissionResult.UnknownVenue unknown => Problems.Unprocessable(request, new Dictionary<string, string[]>
            {
                ["venueId"] = [$"There is no venue {unknown.VenueId}. Use the id of one of the clinic's venues."],
            }),
            _ => throw new InvalidOperationException($"Unknown submission result {result.GetType().Name}."),
        };
    }

    [Function(nameof(GetReferral))]
    [ReferralScoped]
    public async Task<IActionResult> GetReferral(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Referral)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var record = request.Referral();
        var instance = await workflow.GetInstanceAsync(record.Id, cancellationToken);
        return new ApiResult(StatusCodes.Status200OK, ReferralView.From(record, instance?.RuntimeStatus.ToString()));
    }

    [Function(nameof(GetReferralTimeline))]
    [ReferralScoped]
    public async Task<IActionResult> GetReferralTimeline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReferralTimeline)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var record = request.Referral();
        var entries = await referrals.GetTimelineAsync(record.Id, cancellationToken);
        return new ApiResult(StatusCodes.Status200OK, new ReferralTimeline(record.Id, record.Stage, entries));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The 202 body: the new referral's id and stage.</summary>
public sealed record SubmittedReferral(string Id, Stage Stage);

/// <summary>The timeline of one referral, oldest first.</summary>
public sealed record ReferralTimeline(string Id, Stage Stage, IReadOnlyList<TimelineEntry> Entries);
