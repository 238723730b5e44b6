using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Pages.Survey;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using S = OncologyMassage.Pages.Survey.SurveyStrings;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// A follow-up's web form behind its signed link: the +7 day survey, and the +24 h and +30 day follow-ups of a client who
/// is not texted (no mobile number, or replied STOP). GET shows <see cref="SurveyPage"/>, POST binds
/// <see cref="SurveyFormModel"/> and hands the answer to <see cref="FollowUpSurvey"/>, the slice's Workflow handler: the
/// link names its follow-up (e.g. "sms24h-2"), the answer is stored under that id only, screened, and raised as a keyed
/// follow-up answer. A follow-up already answered says so (409), one whose window has passed says it is closed (410), and
/// a link from before links were bound to a follow-up asks for the newest one (410).
/// </summary>
public sealed partial class SurveyFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    IVenueStore venues,
    FollowUpSurvey survey,
    ClientFormEndpoint endpoint,
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
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language
        if (refusal is not null)
        {
            return refusal;
        }

        var venue = await venues.GetAsync(referral!.Referral.VenueId, cancellationToken);
        return await endpoint.PageAsync<SurveyPage>(StatusCodes.Status200OK, Page(referral, link!, venue, new SurveyFormModel(), FormErrors.None));
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
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language
        if (refusal is not null)
        {
            return refusal;
        }

        var (answer, invalid) = await endpoint.BindAsync<SurveyFormModel, SurveyAnswer, SurveyPage>(request,
            model => model.Validate(),
            async (model, errors) => Page(referral!, link!, await venues.GetAsync(referral!.Referral.VenueId, cancellationToken), model, errors),
            cancellationToken);
        if (answer is null)
        {
            return invalid!;
        }

        var submitted = await survey.SubmitAsync(referral!.Id, referral.Referral.VenueId, link!, answer.Ratings, answer.Text, cancellationToken);
        if (submitted.Outcome == RelayOutcome.Conflict)
        {
            return await AlreadyAnsweredAsync(request);
        }

        var followUpId = link!.FollowUpId;
        LogAnswered(logger, referral.Id, followUpId);
        var screen = submitted.Screen;
        var callNow = screen.ImmediateAnswerIn(ClientLanguages.Resolve(referral.Referral.Client.PreferredLanguage));
        return ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, followUpId, redFlag = screen.Level, message = callNow })
            : await endpoint.PageAsync<SurveyThanksPage>(StatusCodes.Status200OK,
                new Dictionary<string, object?> { [nameof(SurveyThanksPage.ImmediateAnswer)] = callNow });
    }

    private Task<IActionResult> AlreadyAnsweredAsync(HttpRequest request) =>
        endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "already-answered", S.AlreadyAnswered, S.AlreadyAnsweredDetail);

    private Task<IActionResult> ClosedAsync(HttpRequest request) =>
        endpoint.RefuseAsync(request, StatusCodes.Status410Gone, "follow-up-closed", S.Closed, S.ClosedDetail);

    /// <summary>
    /// The referral and the follow-up the link names, unless that follow-up was answered or closed already (a submit goes on
    /// to the relay, which thanks a repeat again and refuses a change), or the link names none.
    /// </summary>
    private async Task<(ReferralRecord? Referral, FollowUpLink? Link, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var (referral, _, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Survey, request, token, cancellationToken,
            whenExpired: ClosedAsync);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        PageLanguage.Use(referral!.Referral.Client.PreferredLanguage); // refusals from here on in the client's language

        var link = await survey.OpenAsync(referral!.Id, links.Check(LinkPurposes.Survey, token).Subject, cancellationToken);
        return link.State switch
        {
            FollowUpLinkState.Unbound => (null, link, await endpoint.RefuseAsync(request, StatusCodes.Status410Gone, "link-replaced", S.Replaced, S.ReplacedDetail)),
            FollowUpLinkState.Closed => (null, link, await ClosedAsync(request)),
            FollowUpLinkState.Answered when !submitting => (null, link, await AlreadyAnsweredAsync(request)),
            _ => (referral, link, null),
        };
    }

    private static Dictionary<string, object?> Page(ReferralRecord referral, FollowUpLink link, Venue? venue, SurveyFormModel form, FormErrors errors) => new()
    {
        [nameof(SurveyPage.Venue)] = venue,
        [nameof(SurveyPage.GivenName)] = referral.Referral.Client.GivenName,
        [nameof(SurveyPage.Kind)] = link.Kind,
        [nameof(SurveyPage.SessionNumber)] = link.SessionNumber,
        [nameof(SurveyPage.Form)] = form,
        [nameof(SurveyPage.Errors)] = errors,
    };

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "Survey {FollowUpId} for referral {ReferralId} recorded")]
    private static partial void LogAnswered(ILogger logger, string referralId, string followUpId);
}
