using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Summary;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The care-team summary behind the signed summary link the referring oncologist receives: read-only, so not single-use,
/// but it expires. It stays readable after the referral closes (that is when it is most useful).
/// </summary>
public sealed class CareTeamSummaryFunctions(
    SignedLinks links, FailedAuthenticationLimiter limiter, IReferralStore referrals, ISessionStore sessions, IVenueStore venues, ClientFormEndpoint endpoint)
{
    [Function(nameof(ShowCareTeamSummary))]
    [SignedLink]
    public async Task<IActionResult> ShowCareTeamSummary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CareTeamSummary)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, _, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Summary, request, token, cancellationToken, openWhenClosed: true);
        if (refusal is not null)
        {
            return refusal;
        }

        var given = await sessions.ListSessionsAsync(referral!.Id, cancellationToken);
        var followUps = await sessions.ListFollowUpsAsync(referral.Id, cancellationToken);
        return await endpoint.PageAsync<SummaryPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(SummaryPage.Referral)] = referral,
            [nameof(SummaryPage.Sessions)] = given,
            [nameof(SummaryPage.FollowUps)] = followUps,
            [nameof(SummaryPage.VenueName)] = (await venues.GetAsync(referral.Referral.VenueId, cancellationToken))?.Name,
        });
    }
}
