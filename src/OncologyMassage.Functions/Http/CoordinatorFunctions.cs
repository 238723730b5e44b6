using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The coordinators' views: who am I, the pipeline of one of my venues, and its outcomes. A venue the caller does not
/// coordinate is not found; a practice key is refused (403): these views are for venue staff.
/// </summary>
public sealed class CoordinatorFunctions(
    IVenueStore venues,
    PipelineService pipeline,
    IPipelineStore pipelineStore,
    ISessionStore sessions,
    IAuditLog audit,
    TimeProvider clock)
{
    [Function(nameof(GetMe))]
    [SignedIn]
    public async Task<IActionResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Me)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = request.Caller();
        var venueIds = caller is CoordinatorCaller coordinator ? coordinator.VenueIds : [];
        var list = new List<MeVenue>();
        foreach (var venueId in venueIds)
        {
            var venue = await venues.GetAsync(venueId, cancellationToken);
            list.Add(venue is null ? new MeVenue(venueId, venueId, null, null) : new MeVenue(venue.Id, venue.Name, venue.Type, venue.TimeZone));
        }

        return new ApiResult(StatusCodes.Status200OK, new CallerView(caller.Id, caller.Name, caller.Kind, list));
    }

    [Function(nameof(GetPipeline))]
    [CoordinatorsOnly]
    public async Task<IActionResult> GetPipeline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Pipeline)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (venueId, refusal) = Venue(request);
        if (venueId is null)
        {
            return refusal!;
        }

        var caller = request.Caller();
        var errors = new Dictionary<string, string[]>();
        Stage? stage = null;
        var stageText = request.Query["stage"].ToString();
        if (stageText.Length > 0)
        {
            if (!int.TryParse(stageText, out _) && Enum.TryParse<Stage>(stageText, ignoreCase: true, out var parsed))
            {
                stage = parsed;
            }
            else
            {
                errors["stage"] = [$"stage must be one of {string.Join(", ", Enum.GetNames<Stage>())}."];
            }
        }

        var stuckText = request.Query["stuck"].ToString();
        var stuck = false;
        if (stuckText.Length > 0 && !bool.TryParse(stuckText, out stuck))
        {
            errors["stuck"] = ["stuck must be true or false."];
        }

        DateTimeOffset? since = null;
        var sinceText = request.Query["since"].ToString();
        if (sinceText.Length > 0)
        {
            if (DateTimeOffset.TryParse(sinceText, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsedSince))
            {
                since = parsedSince;
            }
            else
            {
                errors["since"] = ["since must be an ISO 8601 date or date-time, e.g. 2026-11-24T09:00:00Z."];
            }
        }

        var pageSize = PipelineOptions.DefaultPageSize;
        var pageSizeText = request.Query["pageSize"].ToString();
        if (pageSizeText.Length > 0 && (!int.TryParse(pageSizeText, out pageSize) || pageSize is < 1 or > PipelineOptions.MaxPageSize))
        {
            errors["pageSize"] = [$"pageSize must be 1 to {PipelineOptions.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(request, errors);
        }

        var token = request.Query["continuationToken"].ToString();
        try
        {
            var view = await pipeline.GetAsync(venueId, stage, stuck, since, pageSize, token.Length == 0 ? null : token, cancellationToken);

            // A page is a read of personal data (initials, stages): the audit names the referrals it listed, as pseudonyms.
            await audit.RecordAsync(new AuditEntry(AuditPartitions.Pipeline(venueId), caller.Kind, caller.Id, nameof(GetPipeline), clock.GetUtcNow())
            {
                ListedReferralIds = [.. view.Items.Select(i => i.ReferralId)],
            }, cancellationToken);
            return new ApiResult(StatusCodes.Status200OK, view);
        }
        catch (InvalidContinuationTokenException ex)
        {
            return Problems.Validation(request, new Dictionary<string, string[]> { ["continuationToken"] = [ex.Message] });
        }
    }

    [Function(nameof(GetOutcomes))]
    [CoordinatorsOnly]
    public async Task<IActionResult> GetOutcomes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Outcomes)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (venueId, refusal) = Venue(request);
        if (venueId is null)
        {
            return refusal!;
        }

        var totals = await sessions.GetVenueOutcomesAsync(venueId, cancellationToken);
        var summary = totals.ToSummary();
        var counts = (await pipelineStore.GetCountsAsync(venueId, PipelineCounts.NoStuckCounts, 0, cancellationToken)).Counts;
        return new ApiResult(StatusCodes.Status200OK, new VenueOutcomes(
            venueId,
            counts.GetValueOrDefault(Stage.Completed),
            summary.Sessions,
            summary.Changes.Select(c => new OutcomeChange(c.Symptom, c.N, c.MeanPre, c.MeanPost, c.MeanChange)).ToArray(),
            totals.ReplyRate,
            totals.FollowUps));
    }

    /// <summary>The coordinator's venue asked for (or their only one), or the refusal: 400 when they have several, 404 for one not theirs.</summary>
    private static (string? VenueId, IActionResult? Refusal) Venue(HttpRequest request)
    {
        var coordinator = request.Coordinator();
        var venue = request.Query["venue"].ToString();
        if (venue.Length == 0)
        {
            return coordinator.VenueIds.Count == 1 ? (coordinator.VenueIds[0], null) : (null, CoordinatorProblems.VenueRequired(request));
        }

        return coordinator.Coordinates(venue) ? (venue, null) : (null, CoordinatorProblems.UnknownVenue(request, venue));
    }
}

/// <summary>GET /api/me.</summary>
public sealed record CallerView(string Id, string Name, string Kind, IReadOnlyList<MeVenue> Venues);

public sealed record MeVenue(string Id, string Name, VenueType? Type, string? TimeZone);

/// <summary>GET /api/outcomes: per symptom mean pre→post with n, never one made-up score.</summary>
public sealed record VenueOutcomes(
    string Venue,
    int CompletedReferrals,
    int Sessions,
    IReadOnlyList<OutcomeChange> Changes,
    double FollowUpReplyRate,
    int FollowUpsSent);

public sealed record OutcomeChange(
    Symptom Symptom,
    int N,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? MeanPre,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? MeanPost,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? MeanChange);
