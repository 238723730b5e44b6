using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Red flags for coordinators (docs/clinical.md, "Escalation"): a venue's open flags, one referral's flags, and
/// acknowledging a flag (who, when, note), which stops its escalation. Venue staff only: a referral outside the caller's
/// venues is 404 (<see cref="ReferralScope"/>), a practice key is 403; a flag acknowledged before is 409.
/// </summary>
public sealed class RedFlagFunctions(RedFlags flags, IAuditLog audit, TimeProvider clock)
{
    private static readonly AcknowledgeInputValidator Validator = new();

    [Function(nameof(ListOpenFlags))]
    [CoordinatorsOnly]
    public async Task<IActionResult> ListOpenFlags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenFlags)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var coordinator = request.Coordinator();

        var venueId = request.Query["venue"].ToString();
        if (venueId.Length == 0 && coordinator.VenueIds.Count == 1)
        {
            venueId = coordinator.VenueIds[0];
        }
        else if (venueId.Length == 0)
        {
            return CoordinatorProblems.VenueRequired(request);
        }
        else if (!coordinator.Coordinates(venueId))
        {
            return CoordinatorProblems.UnknownVenue(request, venueId);
        }

        var open = await flags.ListOpenAsync(venueId, cancellationToken);
        await audit.RecordAsync(new AuditEntry(AuditPartitions.Pipeline(venueId), coordinator.Kind, coordinator.Id, nameof(ListOpenFlags), clock.GetUtcNow()), cancellationToken);
        return new ApiResult(StatusCodes.Status200OK, new OpenFlagsView(venueId, open.Count, [.. open.Select(FlagView.From)]));
    }

    [Function(nameof(ListReferralFlags))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> ListReferralFlags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReferralFlags)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var referral = request.Referral();
        return new ApiResult(StatusCodes.Status200OK, (await flags.ListAsync(referral, cancellationToken)).Select(FlagView.From).ToArray());
    }

    [Function(nameof(AcknowledgeFlag))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> AcknowledgeFlag(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReferralFlagAcknowledge)] HttpRequest request,
        string flagId,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var referral = request.Referral();

        if (!RedFlags.BelongsTo(flagId, referral.Id))
        {
            return Problems.NotFound(request, "There is no such flag on this referral.");
        }

        var (input, problem) = await JsonBody.ReadAsync(request, Validator, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var result = await flags.AcknowledgeAsync(request.Coordinator(), referral, flagId, input.Note!.Trim(), cancellationToken);
        return result switch
        {
            FlagAcknowledgeResult.Done => new ApiResult(StatusCodes.Status200OK,
                FlagView.From((await flags.ListAsync(referral, cancellationToken)).Single(f => f.FlagId == flagId))),
            FlagAcknowledgeResult.AlreadyAcknowledged => CoordinatorProblems.Conflict(request, "This flag was acknowledged already."),
            _ => Problems.NotFound(request, "There is no such flag on this referral."),
        };
    }
}

/// <summary>GET /api/flags: a venue's open flags, oldest first.</summary>
public sealed record OpenFlagsView(string Venue, int Count, IReadOnlyList<FlagView> Flags);

/// <summary>One red flag as the dashboard shows it: ids, level, when, and its acknowledgement. Never the reply's text (that is on the timeline).</summary>
public sealed record FlagView(
    string FlagId, string ReferralId, RedFlagLevel Level, DateTimeOffset OpenedAt, bool Open,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? Note)
{
    public static FlagView From(RedFlagRecord flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new FlagView(flag.FlagId, flag.ReferralId, flag.Level, flag.OpenedAt, flag.IsOpen,
            flag.Acknowledged?.ByName, flag.Acknowledged?.At, flag.Acknowledged?.Note);
    }
}
