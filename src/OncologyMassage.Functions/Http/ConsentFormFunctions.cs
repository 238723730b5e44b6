using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Functions.Http.Pages;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Informed consent behind the signed consent link: GET shows the venue's current document, POST records the signature
/// once (version, SHA-256 of the text shown, name, IP, user agent) and tells the orchestration. The same link with
/// /withdraw keeps working after signing, so the client can withdraw at any time.
/// </summary>
public sealed partial class ConsentFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    IConsentStore consents,
    AnswerRelay relay,
    IVenueStore venues,
    TimeProvider clock,
    ClientAddresses clientAddresses,
    ILogger<ConsentFormFunctions> logger)
{
    public const int MaxReasonLength = 500;

    [Function(nameof(ShowConsentForm))]
    [SignedLink]
    public async Task<IActionResult> ShowConsentForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ConsentForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, venue, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken);
        return refusal ?? new HtmlResult(StatusCodes.Status200OK,
            ConsentPages.Form(referral!.Referral.Client.GivenName, venue!, ConsentForm.Empty, new Dictionary<string, string[]>(), expiresAt));
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
        ArgumentNullException.ThrowIfNull(durable);
        var (referral, venue, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken, submitting: true);
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

        var form = ConsentForm.Read(fields);
        var errors = form.Validate(venue!);
        if (errors.Count > 0)
        {
            return ClientLinkPages.WantsJson(request)
                ? Problems.Validation(request, errors)
                : new HtmlResult(StatusCodes.Status400BadRequest, ConsentPages.Form(referral!.Referral.Client.GivenName, venue!, form, errors, expiresAt));
        }

        var document = venue!.Consent;
        if (form.DocumentVersion is not null && form.DocumentVersion != document.Version)
        {
            // The venue changed its document after the page was shown: the client signs only what they have read.
            return ClientLinkPages.WantsJson(request)
                ? Problems.Create(request, StatusCodes.Status409Conflict, "document-changed", "The consent document has changed",
                    $"Read version {document.Version} and sign again.")
                : new HtmlResult(StatusCodes.Status409Conflict, ConsentPages.Form(referral!.Referral.Client.GivenName, venue, form with { Agreed = false },
                    new Dictionary<string, string[]> { ["document"] = ["The consent document was updated while you were reading. Please read this version and sign again."] }, expiresAt));
        }

        var now = clock.GetUtcNow();
        var record = new ConsentRecord(referral!.Id, venue.Id, document.Version, document.Sha256, now, form.SignerName!,
            clientAddresses.Of(request), ClientLinkPages.UserAgent(request))
        {
            VisitAddress = venue.ConfirmsClientAddress ? form.VisitAddress : null,
        };
        var id = referral.Id;
        var outcome = await relay.StoreAndRaiseAsync(AnswerRef.OnePer(id, AnswerKind.Consent),
            async ct => await consents.GetAsync(id, ct) is not { } stored ? StoredAnswer.None
                : stored.SignerName == record.SignerName && stored.DocumentVersion == record.DocumentVersion && stored.VisitAddress == record.VisitAddress
                    ? StoredAnswer.Same : StoredAnswer.Different,
            ct => consents.TryRecordAsync(record, ct),
            durable, cancellationToken);
        if (outcome == RelayOutcome.Conflict)
        {
            return AlreadySigned(request);
        }

        LogSigned(logger, referral.Id, document.Version);
        return ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, documentVersion = document.Version, documentSha256 = document.Sha256 })
            : new HtmlResult(StatusCodes.Status200OK, PageKit.Message("Thank you",
                "Your consent is recorded. You can withdraw it at any time with the link in your message or by telling the venue."));
    }

    [Function(nameof(ShowConsentWithdrawal))]
    [SignedLink]
    public async Task<IActionResult> ShowConsentWithdrawal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ConsentWithdrawal)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, venueName, refusal) = await OpenWithdrawalAsync(request, token, cancellationToken);
        return refusal ?? new HtmlResult(StatusCodes.Status200OK,
            ConsentPages.WithdrawForm(referral!.Referral.Client.GivenName, venueName!, null, new Dictionary<string, string[]>()));
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
        ArgumentNullException.ThrowIfNull(durable);
        var (referral, venueName, refusal) = await OpenWithdrawalAsync(request, token, cancellationToken, submitting: true);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!request.HasFormContentType)
        {
            return ClientLinkPages.UnsupportedForm(request);
        }

        var (form, bodyProblem) = await BoundedBody.ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            return bodyProblem!;
        }

        var reason = form["reason"].ToString().Trim() is { Length: > 0 } text ? text : null;
        if (reason?.Length > MaxReasonLength)
        {
            var errors = new Dictionary<string, string[]> { ["reason"] = [$"Please keep the reason to {MaxReasonLength} characters."] };
            return ClientLinkPages.WantsJson(request)
                ? Problems.Validation(request, errors)
                : new HtmlResult(StatusCodes.Status400BadRequest, ConsentPages.WithdrawForm(referral!.Referral.Client.GivenName, venueName!, reason, errors));
        }

        var now = clock.GetUtcNow();
        var id = referral!.Id;

        // Withdrawing twice is the same wish: the second submit is answered like the first, and the first reason stands.
        await relay.StoreAndRaiseAsync(AnswerRef.OnePer(id, AnswerKind.ConsentWithdrawal),
            async ct => (await consents.GetAsync(id, ct))?.WithdrawnAt is null ? StoredAnswer.None : StoredAnswer.Same,
            ct => consents.TryWithdrawAsync(id, now, reason, ct),
            durable, cancellationToken);
        LogWithdrawn(logger, referral.Id);
        return ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, withdrawnAt = now })
            : new HtmlResult(StatusCodes.Status200OK, PageKit.Message("Your consent is withdrawn",
                $"{venueName} will not give you further sessions and will cancel any booked one. Contact the venue if you change your mind."));
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

        if (!submitting && await consents.GetAsync(referral!.Id, cancellationToken) is not null)
        {
            return (null, null, expiresAt, AlreadySigned(request));
        }

        var venue = await venues.GetAsync(referral!.Referral.VenueId, cancellationToken);
        return venue is null
            ? (null, null, expiresAt, ClientLinkPages.Refuse(request, StatusCodes.Status404NotFound, "venue-not-found", "The venue's consent is not available",
                "Please contact the venue: its consent document could not be found."))
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

        var consent = await consents.GetAsync(referral!.Id, cancellationToken);
        if (consent is null)
        {
            return (null, null, ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "not-signed", "There is no consent to withdraw",
                "You have not signed the consent, so there is nothing to withdraw. Contact the venue if you do not want sessions."));
        }

        if (consent.WithdrawnAt is not null && !submitting)
        {
            return (null, null, AlreadyWithdrawn(request));
        }

        if (consent.WithdrawnAt is null && referral.Stage.IsClosed())
        {
            return (null, null, ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "referral-closed", "This referral is closed",
                "There is nothing more to fill in. Contact the venue with any question."));
        }

        var venue = await venues.GetAsync(consent.VenueId, cancellationToken);
        return (referral, venue?.Name ?? "The venue", null);
    }

    private static IActionResult AlreadySigned(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "already-signed", "Your consent was already signed",
            "This link works once for signing. To withdraw your consent, add /withdraw to the link or tell the venue.");

    private static IActionResult AlreadyWithdrawn(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "already-withdrawn", "Your consent was already withdrawn",
            "Contact the venue if you would like sessions again.");

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Consent for referral {ReferralId} signed (document version {Version})")]
    private static partial void LogSigned(ILogger logger, string referralId, string version);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Consent for referral {ReferralId} withdrawn")]
    private static partial void LogWithdrawn(ILogger logger, string referralId);
}
