using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Functions.Http.Pages;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// A follow-up's web form behind its signed link: the +7 day survey, and the +24 h and +30 day follow-ups of a client who
/// is not texted (no mobile number, or replied STOP). Optional 0–10 ratings and "any swelling or skin change?". The link
/// names its follow-up (e.g. "sms24h-2"); <see cref="FollowUpSurvey"/> stores the answer under that id only, screens it,
/// and hands it to the orchestration as a keyed follow-up answer. A follow-up already answered says so (409), one whose
/// window has passed says it is closed (410), and a link from before links were bound to a follow-up asks for the newest one.
/// </summary>
public sealed partial class SurveyFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    FollowUpSurvey survey,
    ILogger<SurveyFormFunctions> logger)
{
    [Function(nameof(ShowSurveyForm))]
    [SignedLink]
    public async Task<IActionResult> ShowSurveyForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SurveyForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, link, refusal) = await OpenAsync(request, token, cancellationToken);
        return refusal ?? new HtmlResult(StatusCodes.Status200OK,
            SurveyPages.Form(referral!.Referral.Client.GivenName, SurveyForm.Empty, new Dictionary<string, string[]>(), link!.Intro));
    }

    [Function(nameof(SubmitSurveyForm))]
    [SignedLink]
    public async Task<IActionResult> SubmitSurveyForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SurveyForm)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (referral, link, refusal) = await OpenAsync(request, token, cancellationToken, submitting: true);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!request.HasFormContentType)
        {
            return ClientLinkPages.UnsupportedForm(request);
        }

        var (fields, bodyProblem) = await BoundedBody.ReadFormAsync(request, cancellationToken);
        if (fields is null)
        {
            return bodyProblem!;
        }

        var form = SurveyForm.Read(fields);
        var (ratings, errors) = form.Validate();
        if (errors.Count > 0)
        {
            return ClientLinkPages.WantsJson(request)
                ? Problems.Validation(request, errors)
                : new HtmlResult(StatusCodes.Status400BadRequest, SurveyPages.Form(referral!.Referral.Client.GivenName, form, errors, link!.Intro));
        }

        var submitted = await survey.SubmitAsync(referral!.Id, referral.Referral.VenueId, link!, ratings, form.Text, cancellationToken);
        if (submitted.Outcome == RelayOutcome.Conflict)
        {
            return AlreadyAnswered(request);
        }

        var followUpId = link!.FollowUpId;
        LogAnswered(logger, referral.Id, followUpId);
        var screen = submitted.Screen;
        return ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, followUpId, redFlag = screen.Level, message = screen.ImmediateAnswer })
            : new HtmlResult(StatusCodes.Status200OK, SurveyPages.Thanks(screen.ImmediateAnswer));
    }

    private static IActionResult AlreadyAnswered(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "already-answered", "You have answered already",
            "Thank you: your answer to this question is recorded. If something has changed, tell the venue.");

    private static IActionResult Closed(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status410Gone, "follow-up-closed", "This question is closed",
            "The time to answer this question has passed, so it can no longer be filled in. A later question comes with its own link. "
            + "If something worries you now, tell the venue; if you feel very unwell, call your oncology team's triage line or emergency services.");

    private static IActionResult Unbound(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status410Gone, "link-replaced", "This link has been replaced",
            "This link is from an older message and does not say which question it answers. Use the link in the newest message from the venue.");

    /// <summary>
    /// The referral and the follow-up the link names, unless that follow-up was answered or closed already (a submit goes on
    /// to the relay, which thanks a repeat again and refuses a change), or the link names none.
    /// </summary>
    private async Task<(ReferralRecord? Referral, FollowUpLink? Link, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var (referral, _, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Survey, request, token, cancellationToken,
            whenExpired: Closed);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        var link = await survey.OpenAsync(referral!.Id, links.Check(LinkPurposes.Survey, token).Subject, cancellationToken);
        return link.State switch
        {
            FollowUpLinkState.Unbound => (null, link, Unbound(request)),
            FollowUpLinkState.Closed => (null, link, Closed(request)),
            FollowUpLinkState.Answered when !submitting => (null, link, AlreadyAnswered(request)),
            _ => (referral, link, null),
        };
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "Survey {FollowUpId} for referral {ReferralId} recorded")]
    private static partial void LogAnswered(ILogger logger, string referralId, string followUpId);
}
