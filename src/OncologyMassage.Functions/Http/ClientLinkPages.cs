using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// What every signed-link page (intake, consent, survey, summary) does first: check the token and find its referral.
/// Tampered or foreign tokens and unknown referrals are 404, expired links 410; browsers get a page, JSON callers
/// problem details (in English). A tampered token counts against the client's budget; over it, a 429 (<see cref="FailedAuthenticationLimiter"/>).
/// A client's page is in the referral's language once the link names a known referral, before that in the browser's
/// (Accept-Language, among the languages with files), English otherwise; oncologist links stay English (docs/languages.md).
/// </summary>
internal static class ClientLinkPages
{
    public static async Task<(ReferralRecord? Referral, DateTimeOffset ExpiresAt, IActionResult? Refusal)> OpenAsync(
        SignedLinks links, FailedAuthenticationLimiter limiter, IReferralStore referrals, string purpose, HttpRequest request, string token, CancellationToken cancellationToken,
        bool openWhenClosed = false, Func<HttpRequest, Task<IActionResult>>? whenExpired = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(request);
        var forClient = !IsForOncologist(purpose);
        if (forClient)
        {
            UseBrowserLanguage(request); // no referral yet: the browser's language among those with files, else English
        }
        else
        {
            PageLanguage.Use(null); // oncologist pages stay English
        }

        if (limiter.Refusal(request, AuthenticationKind.SignedLink) is { } throttled)
        {
            return (null, default, await ThrottledAsync(request, throttled));
        }

        var link = links.Check(purpose, token);
        if (link.Status == LinkStatus.Invalid && limiter.RecordFailure(request, AuthenticationKind.SignedLink) is { } overLimit)
        {
            return (null, link.ExpiresAt, await ThrottledAsync(request, overLimit));
        }

        var referral = link.Status == LinkStatus.Invalid ? null : await referrals.GetAsync(link.ReferralId, cancellationToken);
        if (referral is null)
        {
            return (null, link.ExpiresAt, await RefuseLinkAsync(request, StatusCodes.Status404NotFound, "not-found", "Link_NotValid", "Link_NotValidDetail"));
        }

        if (forClient)
        {
            PageLanguage.Use(referral.Referral.Client.PreferredLanguage); // the link names its referral: the client's language from here on
        }

        if (link.Status == LinkStatus.Expired)
        {
            return (null, link.ExpiresAt, whenExpired is not null ? await whenExpired(request)
                : await RefuseLinkAsync(request, StatusCodes.Status410Gone, "link-expired", "Link_Expired", "Link_ExpiredDetail"));
        }

        if (!openWhenClosed && referral.Stage.IsClosed())
        {
            return (null, link.ExpiresAt, await RefuseLinkAsync(request, StatusCodes.Status409Conflict, "referral-closed", "Link_Closed", "Link_ClosedDetail"));
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
        var callerKind = IsForOncologist(purpose) ? AuditCallers.OncologistLink : AuditCallers.ClientLink;
        return services.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEntry(referralId, callerKind, purpose, $"{(HttpMethods.IsPost(request.Method) ? "Submit" : "View")}:{purpose}",
                services.GetRequiredService<TimeProvider>().GetUtcNow())
            {
                ClientAddress = services.GetRequiredService<ClientAddresses>().Of(request), // the client behind trusted proxies, as for signatures
                UserAgent = UserAgent(request),
            },
            cancellationToken);
    }

    /// <summary>
    /// A refusal whose words are the client pages' entries <paramref name="titleKey"/> and <paramref name="detailKey"/>
    /// (Link_*): a page in the page's language (<see cref="PageLanguage"/>), or to a JSON caller problem details in
    /// English, as every API problem is.
    /// </summary>
    public static async Task<IActionResult> RefuseLinkAsync(HttpRequest request, int status, string type, string titleKey, string detailKey) =>
        WantsJson(request)
            ? Problems.Create(request, status, type, PageText.GetIn(ClientLanguages.Default, titleKey), PageText.GetIn(ClientLanguages.Default, detailKey))
            : new HtmlResult(status, await RendererOf(request).MessageAsync(PageText.Get(titleKey), PageText.Get(detailKey)));

    /// <summary>Too many failed links from this address: the limiter's 429 problem to a JSON caller, else a page saying how long to wait (same Retry-After).</summary>
    private static async Task<IActionResult> ThrottledAsync(HttpRequest request, ApiResult problem)
    {
        if (WantsJson(request))
        {
            return problem;
        }

        var retryAfter = problem.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 60;
        var page = new HtmlResult(problem.StatusCode, await RendererOf(request).MessageAsync(LinkStrings.TooManyAttempts, LinkStrings.TooManyAttemptsDetail((retryAfter + 59) / 60)));
        foreach (var (name, header) in problem.Headers)
        {
            page.WithHeader(name, header);
        }

        return page;
    }

    /// <summary>
    /// Chooses the page language from the request's Accept-Language, most preferred first (quality order; ties keep the
    /// header's order): for pages shown before a link names a known referral.
    /// </summary>
    internal static void UseBrowserLanguage(HttpRequest request)
    {
        IList<StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            accepted = [];
        }

        PageLanguage.UseFirstOffered(accepted
            .Select((language, index) => (Tag: language.Value.Value, Quality: language.Quality ?? 1, index))
            .Where(l => l.Quality > 0 && l.Tag is not null)
            .OrderByDescending(l => l.Quality).ThenBy(l => l.index)
            .Select(l => l.Tag!));
    }

    private static bool IsForOncologist(string purpose) => purpose is LinkPurposes.Release or LinkPurposes.MdQuestion or LinkPurposes.Summary;

    private static PageRenderer RendererOf(HttpRequest request) => request.HttpContext.RequestServices?.GetService<PageRenderer>() ?? PageRenderer.Standalone;

    public static IActionResult UnsupportedForm(HttpRequest request) =>
        Problems.Create(request, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
            "Post the form as application/x-www-form-urlencoded.");

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    public static string? UserAgent(HttpRequest request) =>
        request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null;
}
