using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Functions.Http.Pages;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The client's intake form behind the signed intake link: GET shows it, POST validates it, stores it once (the insert
/// makes the link single-use) and tells the waiting orchestration through <see cref="AnswerRelay"/> (a failed raise is
/// retried by the sweep; the same answer sent again gets the same thank-you). The answers stay in the Intakes table:
/// the event, the logs and the problem details carry none of them.
/// </summary>
public sealed partial class IntakeFormFunctions(
    SignedLinks links,
    FailedAuthenticationLimiter limiter,
    IReferralStore referrals,
    IIntakeStore intakes,
    AnswerRelay relay,
    TimeProvider clock,
    ILogger<IntakeFormFunctions> logger)
{
    [Function(nameof(ShowIntakeForm))]
    [SignedLink]
    public async Task<IActionResult> ShowIntakeForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.IntakeForm)] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (referral, expiresAt, refusal) = await OpenAsync(request, token, cancellationToken);
        return refusal ?? new HtmlResult(StatusCodes.Status200OK,
            IntakePages.Form(referral!.Referral.Client.GivenName, IntakeForm.Empty, new Dictionary<string, string[]>(), expiresAt));
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

        var form = IntakeForm.Read(fields);
        var now = clock.GetUtcNow();
        var (intake, errors) = form.Validate(DateOnly.FromDateTime(now.UtcDateTime));
        if (intake is null)
        {
            return ClientLinkPages.WantsJson(request)
                ? Problems.Validation(request, errors)
                : new HtmlResult(StatusCodes.Status400BadRequest, IntakePages.Form(referral!.Referral.Client.GivenName, form, errors, expiresAt));
        }

        var id = referral!.Id;
        var outcome = await relay.StoreAndRaiseAsync(AnswerRef.OnePer(id, AnswerKind.Intake),
            async ct => AnswerComparison.Of((await intakes.GetAsync(id, ct))?.Intake, intake),
            ct => intakes.TryRecordAsync(new IntakeRecord(id, intake, now), ct), cancellationToken);
        if (outcome == RelayOutcome.Conflict)
        {
            return AlreadySent(request);
        }

        LogSubmitted(logger, referral.Id);
        return ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, new { referralId = referral.Id, submittedAt = now })
            : new HtmlResult(StatusCodes.Status200OK, PageKit.Message("Thank you",
                "Your answers are with your therapist, who will adapt your session to them. The venue will contact you to book your session."));
    }

    /// <summary>The link and the referral; the form is shown once, but a submit goes on to the relay, which tells a repeat from a change.</summary>
    private async Task<(ReferralRecord? Referral, DateTimeOffset ExpiresAt, IActionResult? Refusal)> OpenAsync(
        HttpRequest request, string token, CancellationToken cancellationToken, bool submitting = false)
    {
        var opened = await ClientLinkPages.OpenAsync(links, limiter, referrals, LinkPurposes.Intake, request, token, cancellationToken);
        if (!submitting && opened.Refusal is null && await intakes.GetAsync(opened.Referral!.Id, cancellationToken) is not null)
        {
            return (null, opened.ExpiresAt, AlreadySent(request));
        }

        return opened;
    }

    private static IActionResult AlreadySent(HttpRequest request) =>
        ClientLinkPages.Refuse(request, StatusCodes.Status409Conflict, "already-submitted", "Your answers were already sent",
            "This form works once. If something has changed, tell the venue or your therapist before your session.");

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Intake for referral {ReferralId} recorded")]
    private static partial void LogSubmitted(ILogger logger, string referralId);
}
