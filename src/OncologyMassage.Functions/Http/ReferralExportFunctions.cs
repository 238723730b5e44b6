using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// GET /api/referrals/{id}/export: a coordinator of the referral's venue downloads everything stored about the client
/// (a subject access request), as the <c>export</c> admin command writes it. Same scope rules as every referral route
/// (401; 404 outside the caller's venues; 403 for a practice), and audited as <c>ExportReferral</c> before it is built,
/// so the export lists itself.
/// </summary>
public sealed class ReferralExportFunctions(ReferralExport export)
{
    [Function(nameof(ExportReferral))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> ExportReferral(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReferralExport)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var referral = request.Referral();
        var document = await export.BuildAsync(referral.Id, cancellationToken);
        if (document is null)
        {
            return Problems.NotFound(request, $"There is no referral {referral.Id}.");
        }

        return new ApiResult(StatusCodes.Status200OK, document)
            .WithHeader("Content-Disposition", $"attachment; filename=\"{referral.Id}.json\"")
            .WithHeader("Cache-Control", "no-store");
    }
}
