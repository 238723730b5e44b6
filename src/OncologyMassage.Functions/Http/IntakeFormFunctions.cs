using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Intake;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using S = OncologyMassage.Pages.Intake.IntakeStrings;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The client's intake form behind the signed intake link: GET shows it (<see cref="IntakePage"/>), POST binds
/// <see cref="IntakeFormModel"/> and hands the intake to <see cref="IntakeAnswerHandler"/> (stored once, which makes the
/// link single-use, and raised to the waiting orchestration; the same answers sent again get the same thank-you). The
/// answers stay in the Intakes table: the event, the logs and the problem details carry none of them.
/// </summary>
public sealed class IntakeFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    IVenueStore venues,
    IntakeAnswerHandler handler,
    ClientFormEndpoint endpoint,
    TimeProvider clock)
{
    [Function(nameof(ShowIntakeForm))]
    [SignedLink]
    public async Task<IActionResult> ShowIntakeForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.IntakeForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken);
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language (OpenAsync's own choice ends with it)
        if (refusal is not null)
        {
            return refusal;
        }

        var venue = await venues.GetAsync(referral!.Referral.VenueId, cancellationToken);
        return await endpoint.PageAsync<IntakePage>(StatusCodes.Status200OK, Page(referral, venue, expiresAt, new IntakeFormModel(), FormErrors.None));
    }

    [Function(nameof(SubmitIntakeForm))]
    [SignedLink]
    public async Task<IActionResult> SubmitIntakeForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.IntakeForm)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (referral, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken, submitting: true);
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language (OpenAsync's own choice ends with it)
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var venue = await venues.GetAsync(referral!.Referral.VenueId, cancellationToken);
        var (intake, invalid) = await endpoint.BindAsync<IntakeFormModel, Intake, IntakePage>(request,
            model => model.Validate(DateOnly.FromDateTime(now.UtcDateTime)),
            (model, errors) => Task.FromResult<IReadOnlyDictionary<string, object?>>(Page(referral!, venue, expiresAt, model, errors)),
            cancellationToken);
        if (intake is null)
        {
            return invalid!;
        }

        if (await handler.SubmitAsync(referral!.Id, intake, now, cancellationToken) == RelayOutcome.Conflict)
        {
            return await AlreadySentAsync(request);
        }

        return await endpoint.DoneAsync(request, new { referralId = referral.Id, submittedAt = now }, S.ThankYou, S.Recorded);
    }

    /// <summary>The link and the referral; the form is shown once, but a submit goes on to the handler, which tells a repeat from a change.</summary>
    private async Task<(ReferralRecord? Referral, DateTimeOffset ExpiresAt, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var opened = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Intake, request, token, cancellationToken);
        if (opened.Refusal is null)
        {
            PageLanguage.Use(opened.Referral!.Referral.Client.PreferredLanguage); // OpenAsync's own refusals in the client's language
        }

        if (!submitting && opened.Refusal is null && await handler.AnsweredAsync(opened.Referral!.Id, cancellationToken))
        {
            return (null, opened.ExpiresAt, await AlreadySentAsync(request));
        }

        return opened;
    }

    private Task<IActionResult> AlreadySentAsync(HttpRequest request) =>
        endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "already-submitted", S.AlreadySent, S.AlreadySentDetail);

    private static Dictionary<string, object?> Page(ReferralRecord referral, Venue? venue, DateTimeOffset respondBy, IntakeFormModel form, FormErrors errors) => new()
    {
        [nameof(IntakePage.GivenName)] = referral.Referral.Client.GivenName,
        [nameof(IntakePage.Venue)] = venue,
        [nameof(IntakePage.Form)] = form,
        [nameof(IntakePage.Errors)] = errors,
        [nameof(IntakePage.RespondBy)] = respondBy,
    };
}
