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
/// The +7 day follow-up survey behind the signed survey link: optional 0–10 ratings and "any swelling or skin change?".
/// The answer is stored as the follow-up "survey-{n}" of the latest session n (once), screened for red flags, and handed
/// to the orchestration through <see cref="AnswerRelay"/> as a web reply with that id only (the text stays in the
/// follow-up record), so handling it twice changes nothing and a failed raise is retried by the sweep.
/// </summary>
public sealed partial class SurveyFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    ISessionStore sessions,
    AnswerRelay relay,
    TimeProvider clock,
    ILogger<SurveyFormFunctions> logger)
{
    [Function(nameof(ShowSurveyForm))]
    [SignedLink]
    public async Task<IActionResult> ShowSurveyForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.SurveyForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, _, refusal) = await OpenAsync(request, token, cancellationToken);
        return refusal ?? new HtmlResult(StatusCodes.Status200OK,
            SurveyPages.Form(referral!.Referral.Client.GivenName, SurveyForm.Empty, new Dictionary<string, string[]>()));
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
        ArgumentNullException.ThrowIfNull(durable);
        var (referral, sessionNumber, refusal) = await OpenAsync(request, token, cancellationToken, submitting: true);
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
                : new HtmlResult(StatusCodes.Status400BadRequest, SurveyPages.Form(referral!.Referral.Client.GivenName, form, errors));
        }

        var now = clock.GetUtcNow();
        var followUpId = FollowUpId(sessionNumber);
        var screen = form.Text is null ? RedFlagResult.Clear : RedFlagScreener.Screen(form.Text);
        var id = referral!.Id;
        var record = new FollowUpRecord(id, followUpId, sessionNumber, FollowUpKind.Email7Days, Replied: true, now,
            ratings.Select(r => new FollowUpRating(id, followUpId, now, r.Item, r.Score)).ToArray(), form.Text, screen.Level);
        var outcome = await relay.StoreAndRaiseAsync(new AnswerRef(id, AnswerKind.Survey, followUpId),
            async ct => Compare((await sessions.ListFollowUpsAsync(id, ct)).FirstOrDefault(f => f.FollowUpId == followUpId), record),
            async ct =>
            {
                await sessions.RecordFollowUpAsync(record, referral.Referral.VenueId, ct);
                return true;
            },
            durable, cancellationToken);
        if (outcome == RelayOutcome.Conflict)
        {
            return AlreadyAnswered(request);
        }

        LogAnswered(logger, referral.Id, followUpId);
        return ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, followUpId, redFlag = screen.Level, message = screen.ImmediateAnswer })
            : new HtmlResult(StatusCodes.Status200OK, SurveyPages.Thanks(screen.ImmediateAnswer));
    }

    private static string FollowUpId(int sessionNumber) => "survey-" + sessionNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same text and ratings: a repeated submit, thanked again; anything else leaves the first answer standing.</summary>
    private static StoredAnswer Compare(FollowUpRecord? stored, FollowUpRecord submitted) =>
        stored is null ? StoredAnswer.None
        : stored.Text == submitted.Text
            && stored.Ratings.Select(r => (r.Item, r.Score)).OrderBy(r => r.Item).SequenceEqual(submitted.Ratings.Select(r => (r.Item, r.Score)).OrderBy(r => r.Item))
            ? StoredAnswer.Same : StoredAnswer.Different;

    private static IActionResult AlreadyAnswered(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "already-answered", "You have answered already",
            "Thank you: your answers for this session are recorded. If something has changed, tell the venue.");

    /// <summary>
    /// The referral and the number of its latest session, unless this session's survey was answered already (a submit
    /// goes on to the relay, which thanks a repeat again and refuses a change).
    /// </summary>
    private async Task<(ReferralRecord? Referral, int SessionNumber, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var (referral, _, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Survey, request, token, cancellationToken);
        if (refusal is not null)
        {
            return (null, 0, refusal);
        }

        var sessionNumber = (await sessions.ListSessionsAsync(referral!.Id, cancellationToken)).Count;
        var followUps = await sessions.ListFollowUpsAsync(referral.Id, cancellationToken);
        return !submitting && followUps.Any(f => f.FollowUpId == FollowUpId(sessionNumber))
            ? (null, sessionNumber, AlreadyAnswered(request))
            : (referral, sessionNumber, null);
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "Survey {FollowUpId} for referral {ReferralId} recorded")]
    private static partial void LogAnswered(ILogger logger, string referralId, string followUpId);
}
