using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Pages.Consent;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;
using S = OncologyMassage.Pages.Consent.ConsentStrings;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Informed consent behind the signed consent link: GET shows the venue's current document (<see cref="ConsentPage"/>),
/// POST binds <see cref="ConsentFormModel"/> and signs once through <see cref="ConsentAnswerHandler"/> (version, SHA-256
/// of the text shown, name, IP, user agent). The same link with /withdraw keeps working after signing, so the client can
/// withdraw at any time (<see cref="WithdrawalPage"/>).
/// </summary>
public sealed class ConsentFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    ConsentAnswerHandler handler,
    ClientFormEndpoint endpoint,
    IVenueStore venues,
    TimeProvider clock,
    ClientAddresses clientAddresses)
{
    [Function(nameof(ShowConsentForm))]
    [SignedLink]
    public async Task<IActionResult> ShowConsentForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ConsentForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, venue, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken);
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language
        return refusal ?? await endpoint.PageAsync<ConsentPage>(StatusCodes.Status200OK, Page(referral!, venue!, expiresAt, new ConsentFormModel(), FormErrors.None));
    }

    [Function(nameof(SubmitConsentForm))]
    [SignedLink]
    public async Task<IActionResult> SubmitConsentForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ConsentForm)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (referral, venue, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken, submitting: true);
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language
        if (refusal is not null)
        {
            return refusal;
        }

        var (form, invalid) = await endpoint.BindAsync<ConsentFormModel, ConsentFormModel, ConsentPage>(request,
            model => model.Validate(venue!) is { Count: > 0 } errors ? (null, errors) : (model, FormErrors.None),
            (model, errors) => Task.FromResult<IReadOnlyDictionary<string, object?>>(Page(referral!, venue!, expiresAt, model, errors)),
            cancellationToken);
        if (form is null)
        {
            return invalid!;
        }

        var document = venue!.Consent;
        if (form.DocumentVersion is not null && form.DocumentVersion != document.Version)
        {
            // The venue changed its document after the page was shown: the client signs only what they have read.
            if (ClientLinkPages.WantsJson(request))
            {
                return Problems.Create(request, StatusCodes.Status409Conflict, "document-changed", S.DocumentChanged, S.DocumentChangedDetail(document.Version));
            }

            var changed = new FormErrors();
            changed.Add(ConsentFormModel.DocumentField, S.ErrorDocumentChanged);
            return await endpoint.PageAsync<ConsentPage>(StatusCodes.Status409Conflict,
                Page(referral!, venue, expiresAt, new ConsentFormModel { SignerName = form.SignerName, VisitAddress = form.VisitAddress, ConfirmAddress = form.ConfirmAddress }, changed));
        }

        var now = clock.GetUtcNow();
        var record = new ConsentRecord(referral!.Id, venue.Id, document.Version, document.Sha256, now, form.SignerName!,
            clientAddresses.Of(request), ClientLinkPages.UserAgent(request))
        {
            VisitAddress = venue.ConfirmsClientAddress ? form.VisitAddress : null,
        };
        if (await handler.SignAsync(record, cancellationToken) == RelayOutcome.Conflict)
        {
            return await AlreadySignedAsync(request);
        }

        return await endpoint.DoneAsync(request, new { referralId = referral.Id, documentVersion = document.Version, documentSha256 = document.Sha256 },
            S.ThankYou, S.Recorded);
    }

    [Function(nameof(ShowConsentWithdrawal))]
    [SignedLink]
    public async Task<IActionResult> ShowConsentWithdrawal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ConsentWithdrawal)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, venueName, refusal) = await OpenWithdrawalAsync(request, token, cancellationToken);
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language
        return refusal ?? await endpoint.PageAsync<WithdrawalPage>(StatusCodes.Status200OK, WithdrawalPageOf(referral!, venueName!, new WithdrawalFormModel(), FormErrors.None));
    }

    [Function(nameof(SubmitConsentWithdrawal))]
    [SignedLink]
    public async Task<IActionResult> SubmitConsentWithdrawal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ConsentWithdrawal)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (referral, venueName, refusal) = await OpenWithdrawalAsync(request, token, cancellationToken, submitting: true);
        PageLanguage.Use(referral?.Referral.Client.PreferredLanguage); // the page and its messages in the client's language
        if (refusal is not null)
        {
            return refusal;
        }

        var (form, invalid) = await endpoint.BindAsync<WithdrawalFormModel, WithdrawalFormModel, WithdrawalPage>(request,
            model => model.Validate() is { Count: > 0 } errors ? (null, errors) : (model, FormErrors.None),
            (model, errors) => Task.FromResult<IReadOnlyDictionary<string, object?>>(WithdrawalPageOf(referral!, venueName!, model, errors)),
            cancellationToken);
        if (form is null)
        {
            return invalid!;
        }

        var now = clock.GetUtcNow();
        await handler.WithdrawAsync(referral!.Id, now, form.Reason, cancellationToken);
        return await endpoint.DoneAsync(request, new { referralId = referral.Id, withdrawnAt = now }, S.Withdrawn, S.WithdrawnDetail(venueName!));
    }

    /// <summary>The link, the referral and its venue; a submit after signing goes on to the relay (a repeat is thanked again, a change is 409).</summary>
    private async Task<(ReferralRecord? Referral, Venue? Venue, DateTimeOffset ExpiresAt, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var (referral, expiresAt, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Consent, request, token, cancellationToken);
        if (refusal is not null)
        {
            return (null, null, expiresAt, refusal);
        }

        PageLanguage.Use(referral!.Referral.Client.PreferredLanguage); // refusals from here on in the client's language

        if (!submitting && await handler.CurrentAsync(referral!.Id, cancellationToken) is not null)
        {
            return (null, null, expiresAt, await AlreadySignedAsync(request));
        }

        var venue = await venues.GetAsync(referral!.Referral.VenueId, cancellationToken);
        return venue is null
            ? (null, null, expiresAt, await endpoint.RefuseAsync(request, StatusCodes.Status404NotFound, "venue-not-found", S.VenueNotFound, S.VenueNotFoundDetail))
            : (referral, venue, expiresAt, null);
    }

    /// <summary>
    /// The withdrawal: same link (purpose consent), allowed only after signing and before withdrawing. A withdrawal sent
    /// again (the referral has closed meanwhile) is answered like the first.
    /// </summary>
    private async Task<(ReferralRecord? Referral, string? VenueName, IActionResult? Refusal)> OpenWithdrawalAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var (referral, _, refusal) = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Consent, request, token, cancellationToken, openWhenClosed: submitting);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        PageLanguage.Use(referral!.Referral.Client.PreferredLanguage); // refusals from here on in the client's language

        var consent = await handler.CurrentAsync(referral!.Id, cancellationToken);
        if (consent is null)
        {
            return (null, null, await endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "not-signed", S.NotSigned, S.NotSignedDetail));
        }

        if (consent.WithdrawnAt is not null && !submitting)
        {
            return (null, null, await endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "already-withdrawn", S.AlreadyWithdrawn, S.AlreadyWithdrawnDetail));
        }

        if (consent.WithdrawnAt is null && referral.Stage.IsClosed())
        {
            return (null, null, await endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "referral-closed", S.Closed, S.ClosedDetail));
        }

        var venue = await venues.GetAsync(consent.VenueId, cancellationToken);
        return (referral, venue?.Name ?? S.TheVenue, null);
    }

    private Task<IActionResult> AlreadySignedAsync(HttpRequest request) =>
        endpoint.RefuseAsync(request, StatusCodes.Status409Conflict, "already-signed", S.AlreadySigned, S.AlreadySignedDetail);

    private static Dictionary<string, object?> Page(ReferralRecord referral, Venue venue, DateTimeOffset respondBy, ConsentFormModel form, FormErrors errors) => new Dictionary<string, object?>
    {
        [nameof(ConsentPage.GivenName)] = referral.Referral.Client.GivenName,
        [nameof(ConsentPage.Venue)] = venue,
        [nameof(ConsentPage.Form)] = form,
        [nameof(ConsentPage.Errors)] = errors,
        [nameof(ConsentPage.RespondBy)] = respondBy,
    };

    private static Dictionary<string, object?> WithdrawalPageOf(ReferralRecord referral, string venueName, WithdrawalFormModel form, FormErrors errors) => new Dictionary<string, object?>
    {
        [nameof(WithdrawalPage.GivenName)] = referral.Referral.Client.GivenName,
        [nameof(WithdrawalPage.VenueName)] = venueName,
        [nameof(WithdrawalPage.Form)] = form,
        [nameof(WithdrawalPage.Errors)] = errors,
    };
}
