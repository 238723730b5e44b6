using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Ports;
using PlanPage = OncologyMassage.Pages.Plans.PlanPage;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The therapist's adaptation plan: the latest plan version of a referral, as a page for browsers (Accept: text/html) and
/// as JSON otherwise. Scoped like GET referrals/{id} (<see cref="ReferralScope"/>): the venue's coordinators and the
/// referring practice; anyone else's id is not found; every read is audited.
/// </summary>
public sealed class PlanFunctions(IPlanStore plans, PageRenderer pages)
{
    [Function(nameof(GetReferralPlan))]
    [ReferralScoped]
    public async Task<IActionResult> GetReferralPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReferralPlan)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = request.Referral();
        var record = await plans.GetLatestAsync(referral.Id, cancellationToken);
        if (record is null)
        {
            return Problems.Create(request, StatusCodes.Status404NotFound, "no-plan", "There is no plan yet.",
                "The adaptation plan is computed when the release and the intake arrive.");
        }

        return WantsHtml(request)
            ? new HtmlResult(StatusCodes.Status200OK, await pages.RenderAsync<PlanPage>(new Dictionary<string, object?>
            {
                [nameof(PlanPage.Referral)] = referral,
                [nameof(PlanPage.Record)] = record,
            }))
            : new ApiResult(StatusCodes.Status200OK, PlanView.From(record));
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>The plan as JSON: its lines in the order shown (section, text, reason), holds, basis and version.</summary>
public sealed record PlanView(
    string ReferralId,
    int Version,
    DateTimeOffset CreatedAt,
    string Basis,
    string PlanBasis,
    string? HoldsClearedBy,
    bool NeedsMdInput,
    int MaxPressure,
    IReadOnlyList<Position> AllowedPositions,
    IReadOnlyList<PlanHoldView> Holds,
    IReadOnlyList<PlanRenderer.PlanLine> Lines)
{
    public static PlanView From(PlanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var plan = record.Plan;
        return new PlanView(record.ReferralId, record.Version, record.CreatedAt, record.Basis, plan.Basis, record.HoldsClearedBy, plan.NeedsMdInput,
            plan.MaxPressure, plan.AllowedPositions, plan.OrderedHolds.Select(h => new PlanHoldView(h.Kind, h.Reason, h.QuestionForMd)).ToArray(),
            PlanRenderer.Lines(plan));
    }
}

public sealed record PlanHoldView(HoldKind Kind, string Reason, string QuestionForMd);
