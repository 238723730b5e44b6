using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Release;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The oncologist's release form behind the signed link in the release email, and the hold question's form behind its
/// own link: GET shows it (<see cref="ReleasePage"/>), POST binds <see cref="ReleaseFormModel"/> and hands the decision to
/// <see cref="ReleaseAnswerHandler"/> (stored once, raised to the waiting orchestration; the same answer sent again gets
/// the same thank-you, a different one a 409). Anonymous by design: the signed, expiring link is the credential.
/// Browsers get HTML pages; a caller that asks for JSON gets problem details.
/// </summary>
public sealed class ReleaseFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    ReleaseAnswerHandler handler,
    ClientFormEndpoint endpoint,
    IPlanStore storedPlans,
    IVenueStore venues,
    AdaptationEngine plans,
    TimeProvider clock,
    ClientAddresses clientAddresses)
{
    [Function(nameof(ShowReleaseForm))]
    [SignedLink]
    public Task<IActionResult> ShowReleaseForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReleaseForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) => ShowAsync(request, token, question: false, cancellationToken);

    [Function(nameof(SubmitReleaseForm))]
    [SignedLink]
    public Task<IActionResult> SubmitReleaseForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReleaseForm)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) => SubmitAsync(request, token, question: false, cancellationToken);

    /// <summary>The oncologist's answer to a specific question about a plan on hold (a second, separate signed link).</summary>
    [Function(nameof(ShowMdQuestionForm))]
    [SignedLink]
    public Task<IActionResult> ShowMdQuestionForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MdQuestionForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) => ShowAsync(request, token, question: true, cancellationToken);

    [Function(nameof(SubmitMdQuestionForm))]
    [SignedLink]
    public Task<IActionResult> SubmitMdQuestionForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.MdQuestionForm)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) => SubmitAsync(request, token, question: true, cancellationToken);

    private async Task<IActionResult> ShowAsync(HttpRequest request, string token, bool question, CancellationToken cancellationToken)
    {
        var (referral, expiresAt, refusal, _) = await OpenAsync(request, token, question, cancellationToken);
        return refusal ?? await endpoint.PageAsync<ReleasePage>(StatusCodes.Status200OK,
            await PageAsync(referral!, expiresAt, question, new ReleaseFormModel(), FormErrors.None, cancellationToken));
    }

    private async Task<IActionResult> SubmitAsync(HttpRequest request, string token, bool question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (referral, expiresAt, refusal, earlier) = await OpenAsync(request, token, question, cancellationToken, submitting: true);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var (decision, invalid) = await endpoint.BindAsync<ReleaseFormModel, ReleaseDecision, ReleasePage>(request,
            model => model.Validate(now),
            (model, errors) => PageAsync(referral!, expiresAt, question, model, errors, cancellationToken),
            cancellationToken);
        if (decision is null)
        {
            return invalid!;
        }

        var outcome = await handler.SubmitAsync(
            new ReleaseSubmission(referral!.Id, decision, question ? ReleaseAnswers.QuestionKey(expiresAt) : null, now, clientAddresses.Of(request), ClientLinkPages.UserAgent(request)), cancellationToken,
            earlier);
        if (outcome == RelayOutcome.Conflict)
        {
            return await endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "already-decided", ReleaseStrings.AlreadyDecided, ReleaseStrings.AlreadyDecidedDetail);
        }

        return await endpoint.DoneAsync(request, new { referralId = referral.Id, outcome = decision.Outcome }, ReleaseStrings.ThankYou,
            decision.Outcome == ReleaseOutcome.Declined ? ReleaseStrings.RecordedDeclined : ReleaseStrings.RecordedApproved);
    }

    /// <summary>
    /// Checks the link and the referral: the referral and the link's deadline when the form may be shown, otherwise the
    /// refusal. A submit after an answer was stored goes on to the handler, which tells a repeat (same thank-you) from a change (409).
    /// <c>Earlier</c> is the answer stored under the link's key as read here, which the submit's first look uses.
    /// </summary>
    private async Task<(ReferralRecord? Referral, DateTimeOffset ExpiresAt, IActionResult? Refusal, ReadMomentsAgo<ReleaseRecord>? Earlier)> OpenAsync(
        HttpRequest request, string token, bool question, CancellationToken cancellationToken, bool submitting = false)
    {
        if (limiter.Refusal(request, AuthenticationKind.SignedLink) is { } throttled)
        {
            return (null, default, throttled, null);
        }

        var purpose = question ? LinkPurposes.MdQuestion : LinkPurposes.Release;
        var link = links.Check(purpose, token);
        if (link.Status == LinkStatus.Invalid && limiter.RecordFailure(request, AuthenticationKind.SignedLink) is { } overLimit)
        {
            return (null, link.ExpiresAt, overLimit, null);
        }

        var referral = link.Status == LinkStatus.Invalid ? null : await referrals.GetAsync(link.ReferralId, cancellationToken);
        if (referral is null)
        {
            return (null, link.ExpiresAt, await endpoint.RefuseAsync(request, StatusCodes.Status404NotFound, "not-found", ReleaseStrings.NotValid, ReleaseStrings.NotValidDetail), null);
        }

        if (link.Status == LinkStatus.Expired)
        {
            return (null, link.ExpiresAt, await endpoint.RefuseAsync(request, StatusCodes.Status410Gone, "link-expired", ReleaseStrings.Expired, ReleaseStrings.ExpiredDetail), null);
        }

        var (state, earlier) = await handler.StateAsync(referral, question ? ReleaseAnswers.QuestionKey(link.ExpiresAt) : null, cancellationToken);
        switch (state)
        {
            case ReleaseFormState.Answered when submitting:
                return (referral, link.ExpiresAt, null, new ReadMomentsAgo<ReleaseRecord>(earlier));
            case ReleaseFormState.Answered:
                return (null, link.ExpiresAt, await endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "already-decided", ReleaseStrings.AlreadyDecided,
                    ReleaseStrings.AlreadyDecidedOn(earlier!.SignedAt)), null);
            case ReleaseFormState.NotAwaiting:
                return (null, link.ExpiresAt, await endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "not-awaiting-release", ReleaseStrings.NotAwaiting,
                    ReleaseStrings.NotAwaitingDetail(referral.Stage.IsClosed())), null);
        }

        await ClientLinkPages.RecordViewAsync(request, referral.Id, purpose, cancellationToken);
        return (referral, link.ExpiresAt, null, new ReadMomentsAgo<ReleaseRecord>(earlier));
    }

    /// <summary>The page's parameters: the referral, the plan to answer about, the deadline and the venue's name.</summary>
    private async Task<IReadOnlyDictionary<string, object?>> PageAsync(
        ReferralRecord referral, DateTimeOffset respondBy, bool question, ReleaseFormModel form, FormErrors errors, CancellationToken cancellationToken) => new Dictionary<string, object?>
    {
        [nameof(ReleasePage.Referral)] = referral,
        [nameof(ReleasePage.Plan)] = question && await storedPlans.GetLatestAsync(referral.Id, cancellationToken) is { } stored ? stored.Plan : ProposedPlan(referral),
        [nameof(ReleasePage.Form)] = form,
        [nameof(ReleasePage.Errors)] = errors,
        [nameof(ReleasePage.RespondBy)] = respondBy,
        [nameof(ReleasePage.Question)] = question,
        [nameof(ReleasePage.VenueName)] = (await venues.GetAsync(referral.Referral.VenueId, cancellationToken))?.Name,
    };

    /// <summary>The plan the venue proposes from the referral's own precautions (Walton: ask about the plan, not for blanket permission).</summary>
    private AdaptationPlan ProposedPlan(ReferralRecord referral) =>
        plans.Evaluate(new PlanRequest(referral.Referral.Service, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            ReferralFindings = referral.Referral.ClinicalSummary.Precautions.Select(p => p.ToFinding()).ToArray(),
        });
}
