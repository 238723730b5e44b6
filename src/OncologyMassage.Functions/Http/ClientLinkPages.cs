using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OncologyMassage.Domain.Referrals;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// What every signed-link page (intake, consent, survey, summary) does first: check the token and find its referral.
/// Tampered or foreign tokens and unknown referrals are 404, expired links 410; browsers get a page, JSON callers
/// problem details. A tampered token counts against the client's budget; over it, a 429 (<see cref="FailedAuthenticationLimiter"/>).
/// </summary>
internal static class ClientLinkPages
{
    public static async Task<(ReferralRecord? Referral, DateTimeOffset ExpiresAt, IActionResult? Refusal)> OpenAsync(
        SignedLinks links, FailedAuthenticationLimiter limiter, IReferralStore referrals, string purpose, HttpRequest request, string token, CancellationToken cancellationToken,
        bool openWhenClosed = false, Func<HttpRequest, Task<IActionResult>>? whenExpired = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(limiter);
        if (limiter.Refusal(request, AuthenticationKind.SignedLink) is { } throttled)
        {
            return (null, default, throttled);
        }

        var link = links.Check(purpose, token);
        if (link.Status == LinkStatus.Invalid && limiter.RecordFailure(request, AuthenticationKind.SignedLink) is { } overLimit)
        {
            return (null, link.ExpiresAt, overLimit);
        }

        var referral = link.Status == LinkStatus.Invalid ? null : await referrals.GetAsync(link.ReferralId, cancellationToken);
        if (referral is null)
        {
            return (null, link.ExpiresAt, await RefuseAsync(request, StatusCodes.Status404NotFound, "not-found", "This link is not valid",
                "Check that the whole link was copied from the message, or ask the venue to send it again."));
        }

        if (link.Status == LinkStatus.Expired)
        {
            return (null, link.ExpiresAt, whenExpired is not null ? await whenExpired(request) : await RefuseAsync(request, StatusCodes.Status410Gone, "link-expired", "This link has expired",
                "Ask the venue to send you a new link."));
        }

        if (!openWhenClosed && referral.Stage.IsClosed())
        {
            return (null, link.ExpiresAt, await RefuseAsync(request, StatusCodes.Status409Conflict, "referral-closed", "This referral is closed",
                "There is nothing more to fill in. Contact the venue with any question."));
        }

        await RecordViewAsync(request, referral.Id, purpose, cancellationToken);
        return (referral, link.ExpiresAt, null);
    }

    /// <summary>
    /// Audits a signed-link page that opened on a referral (issue 14 item 6): which page, GET or POST, the client address
    /// and User-Agent. The audit log comes from the request's services, so every page that opens through here is audited.
    /// </summary>
    public static Task RecordViewAsync(HttpRequest request, string referralId, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var services = request.HttpContext.RequestServices;
        var callerKind = purpose is LinkPurposes.Release or LinkPurposes.MdQuestion or LinkPurposes.Summary ? AuditCallers.OncologistLink : AuditCallers.ClientLink;
        return services.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEntry(referralId, callerKind, purpose, $"{(HttpMethods.IsPost(request.Method) ? "Submit" : "View")}:{purpose}",
                services.GetRequiredService<TimeProvider>().GetUtcNow())
            {
                ClientAddress = services.GetRequiredService<ClientAddresses>().Of(request), // the client behind trusted proxies, as for signatures
                UserAgent = UserAgent(request),
            },
            cancellationToken);
    }

    public static async Task<IActionResult> RefuseAsync(HttpRequest request, int status, string type, string title, string detail) =>
        WantsJson(request) ? Problems.Create(request, status, type, title, detail)
        : new HtmlResult(status, await (request.HttpContext.RequestServices?.GetService<PageRenderer>() ?? PageRenderer.Standalone).MessageAsync(title, detail));

    public static IActionResult UnsupportedForm(HttpRequest request) =>
        Problems.Create(request, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
            "Post the form as application/x-www-form-urlencoded.");

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    public static string? UserAgent(HttpRequest request) =>
        request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null;
}
