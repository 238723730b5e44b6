using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Functions.Http.Pages;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The oncologist's release form behind the signed link in the release email: GET shows it, POST records the decision
/// once and hands it to the waiting orchestration through <see cref="AnswerRelay"/> (the event carries the outcome only;
/// a failed raise is retried by the sweep; the same answer sent again gets the same thank-you). Anonymous by design: the signed, expiring, single-use link is the
/// credential. Browsers get HTML pages; a caller that asks for JSON gets problem details.
/// </summary>
public sealed partial class ReleaseFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    IReleaseStore releases,
    AnswerRelay relay,
    IPlanStore storedPlans,
    IVenueStore venues,
    AdaptationEngine plans,
    TimeProvider clock,
    ClientAddresses clientAddresses,
    ILogger<ReleaseFormFunctions> logger)
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
        CancellationToken cancellationToken) => SubmitAsync(request, token, durable, question: false, cancellationToken);

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
        CancellationToken cancellationToken) => SubmitAsync(request, token, durable, question: true, cancellationToken);

    private async Task<IActionResult> ShowAsync(HttpRequest request, string token, bool question, CancellationToken cancellationToken)
    {
        var (referral, expiresAt, refusal) = await OpenAsync(request, token, question, cancellationToken);
        return refusal ?? new HtmlResult(StatusCodes.Status200OK,
            ReleasePages.Form(referral!, await PlanToShowAsync(referral!, question, cancellationToken), ReleaseForm.Empty, new Dictionary<string, string[]>(), expiresAt, question,
                await VenueNameAsync(referral!, cancellationToken)));
    }

    private async Task<IActionResult> SubmitAsync(HttpRequest request, string token, DurableTaskClient durable, bool question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var (referral, expiresAt, refusal) = await OpenAsync(request, token, question, cancellationToken, submitting: true);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!request.HasFormContentType)
        {
            return Problems.Create(request, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
                "Post the release form as application/x-www-form-urlencoded.");
        }

        var (fields, bodyProblem) = await BoundedBody.ReadFormAsync(request, cancellationToken);
        if (fields is null)
        {
            return bodyProblem!;
        }

        var form = ReleaseForm.Read(fields);
        var now = clock.GetUtcNow();
        var (decision, errors) = form.Validate(now);
        if (decision is null)
        {
            return WantsJson(request)
                ? Problems.Validation(request, errors)
                : new HtmlResult(StatusCodes.Status400BadRequest,
                    ReleasePages.Form(referral!, await PlanToShowAsync(referral!, question, cancellationToken), form, errors, expiresAt, question,
                        await VenueNameAsync(referral!, cancellationToken)));
        }

        var questionKey = question ? ReleaseAnswers.QuestionKey(expiresAt) : null;
        var record = new ReleaseRecord(referral!.Id, decision, now, clientAddresses.Of(request),
            request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null)
        {
            QuestionKey = questionKey,
        };
        var id = referral.Id;
        var outcome = await relay.StoreAndRaiseAsync(
            questionKey is null ? AnswerRef.OnePer(id, AnswerKind.Release) : new AnswerRef(id, AnswerKind.HoldAnswer, questionKey),
            async ct => (questionKey is null ? await releases.GetAsync(id, ct) : await releases.GetAnswerAsync(id, questionKey, ct)) is { } stored
                ? AnswerComparison.Of(stored.Decision with { DecidedAt = null }, decision with { DecidedAt = null })
                : StoredAnswer.None,
            ct => releases.TryRecordAsync(record, ct),
            durable, cancellationToken);
        if (outcome == RelayOutcome.Conflict)
        {
            return Refuse(request, StatusCodes.Status409Conflict, "already-decided", "A decision was already recorded",
                "This release was answered already; the link works once. Contact the venue to change the answer.");
        }

        LogDecided(logger, referral.Id, decision.Outcome);
        return WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, outcome = decision.Outcome })
            : new HtmlResult(StatusCodes.Status200OK, ReleasePages.Message("Thank you", decision.Outcome switch
            {
                ReleaseOutcome.Declined => "Your decision is recorded. The venue will let the client know that massage is not advisable now.",
                _ => "Your release is recorded. The venue will arrange the intake evaluation and keep you informed.",
            }));
    }

    /// <summary>
    /// Checks the link and the referral: the referral and the link's deadline when the form may be shown, otherwise the
    /// refusal. A submit after an answer was stored goes on to the relay, which tells a repeat (same thank-you) from a change (409).
    /// </summary>
    private async Task<(ReferralRecord? Referral, DateTimeOffset ExpiresAt, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, bool question, CancellationToken cancellationToken, bool submitting = false)
    {
        if (limiter.Refusal(request, AuthenticationKind.SignedLink) is { } throttled)
        {
            return (null, default, throttled);
        }

        var link = links.Check(question ? LinkPurposes.MdQuestion : LinkPurposes.Release, token);
        if (link.Status == LinkStatus.Invalid && limiter.RecordFailure(request, AuthenticationKind.SignedLink) is { } overLimit)
        {
            return (null, link.ExpiresAt, overLimit);
        }
        var referral = link.Status == LinkStatus.Invalid ? null : await referrals.GetAsync(link.ReferralId, cancellationToken);
        if (referral is null)
        {
            return (null, link.ExpiresAt, Refuse(request, StatusCodes.Status404NotFound, "not-found", "This link is not valid",
                "Check that the whole link was copied from the email, or ask the venue to send it again."));
        }

        if (link.Status == LinkStatus.Expired)
        {
            return (null, link.ExpiresAt, Refuse(request, StatusCodes.Status410Gone, "link-expired", "This link has expired",
                "The time to answer this release has passed. Contact the venue if the client should still be seen."));
        }

        var earlier = question
            ? await releases.GetAnswerAsync(referral.Id, ReleaseAnswers.QuestionKey(link.ExpiresAt), cancellationToken)
            : await releases.GetAsync(referral.Id, cancellationToken);
        if (earlier is not null && submitting)
        {
            return (referral, link.ExpiresAt, null);
        }

        if (earlier is not null)
        {
            return (null, link.ExpiresAt, Refuse(request, StatusCodes.Status409Conflict, "already-decided", "A decision was already recorded",
                $"This release was answered on {earlier.SignedAt:yyyy-MM-dd}; the link works once. Contact the venue to change the answer."));
        }

        if (referral.Stage != (question ? Stage.NeedsMdInput : Stage.MdReleaseRequested))
        {
            return (null, link.ExpiresAt, Refuse(request, StatusCodes.Status409Conflict, "not-awaiting-release", "This referral no longer needs a release",
                $"The referral is {(referral.Stage.IsClosed() ? "closed" : "past this step")} ({referral.Stage}). Contact the venue with any question."));
        }

        await ClientLinkPages.RecordViewAsync(request, referral.Id, question ? LinkPurposes.MdQuestion : LinkPurposes.Release, cancellationToken);
        return (referral, link.ExpiresAt, null);
    }

    private async Task<string?> VenueNameAsync(ReferralRecord referral, CancellationToken cancellationToken) =>
        (await venues.GetAsync(referral.Referral.VenueId, cancellationToken))?.Name;

    /// <summary>For a hold question, the stored plan with its holds; for the release, the plan proposed from the referral.</summary>
    private async Task<AdaptationPlan> PlanToShowAsync(ReferralRecord referral, bool question, CancellationToken cancellationToken) =>
        question && await storedPlans.GetLatestAsync(referral.Id, cancellationToken) is { } stored ? stored.Plan : ProposedPlan(referral);

    /// <summary>The plan the venue proposes from the referral's own precautions (Walton: ask about the plan, not for blanket permission).</summary>
    private AdaptationPlan ProposedPlan(ReferralRecord referral)
    {
        var findings = referral.Referral.ClinicalSummary.Precautions
            .Select(p => p.ToFinding())
            .ToArray();
        return plans.Evaluate(new PlanRequest(referral.Referral.Service, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) { ReferralFindings = findings });
    }

    private static IActionResult Refuse(HttpRequest request, int status, string type, string title, string detail) =>
        WantsJson(request) ? Problems.Create(request, status, type, title, detail) : new HtmlResult(status, ReleasePages.Message(title, detail));

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Release for referral {ReferralId} recorded: {Outcome}")]
    private static partial void LogDecided(ILogger logger, string referralId, ReleaseOutcome outcome);
}
