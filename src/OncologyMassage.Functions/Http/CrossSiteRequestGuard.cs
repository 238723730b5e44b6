using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Refuses cross-site actions on a coordinator's session. A browser attaches the session (the local host's sign-in cookie,
/// App Service authentication's cookie in Azure) to any request, including one a foreign page makes it send, so every
/// unsafe request (anything but GET, HEAD, OPTIONS, TRACE) that a session authenticates must prove it comes from our own
/// pages:
/// <list type="number">
/// <item>a browser's <c>Sec-Fetch-Site</c> header, when sent, is <c>same-origin</c>; an <c>Origin</c> header, when
/// sent, is this host's own origin (or the configured public base URL's), else 403;</item>
/// <item>a request with neither header but with a cookie is refused too (403): every current browser sends at least one
/// of them on a POST, so only an old browser or a script replaying a cookie sends neither, and neither is trusted.
/// A non-browser client without a cookie (a bearer token through App Service authentication) has nothing a foreign
/// page could borrow and passes; scripts that hold a session cookie send <c>Origin</c>;</item>
/// <item>the body is <c>application/json</c>, else 415: a cross-site HTML form or a "simple" fetch cannot send that type
/// without a CORS preflight, which this app never grants.</item>
/// </list>
/// Requests authenticated by <c>X-Api-Key</c> carry no ambient credential and are not checked. The Functions app and the
/// local host run this same check (<see cref="CallerAuthentication"/>; the local host's sign-in and sign-out call it too).
/// </summary>
public sealed class CrossSiteRequestGuard(IOptions<LinkOptions> links)
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    /// <summary>Null when the request may go on; otherwise the problem to answer with (403 or 415).</summary>
    public ApiResult? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return null;
        }

        var site = request.Headers[FetchSiteHeader];
        var origin = request.Headers.Origin;
        if (site.Count > 0 && !string.Equals(site.ToString(), "same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return CrossSite(request, $"The browser reported this request as {FetchSiteHeader}: {site}.");
        }

        if (origin.Count > 0 && !IsOwnOrigin(origin.ToString(), request))
        {
            return CrossSite(request, "The request's Origin is not this site.");
        }

        if (site.Count == 0 && origin.Count == 0 && request.Headers.Cookie.Count > 0)
        {
            return CrossSite(request, "A request that carries a session cookie must say where it comes from: send an Origin header.");
        }

        if (!request.HasJsonContentType())
        {
            return Problems.Create(request, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
                "Coordinator actions take a JSON body with Content-Type: application/json (send {} when there is nothing to say).");
        }

        return null;
    }

    private bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var given) || given.Scheme is not ("http" or "https"))
        {
            return false; // "null" (sandboxed frames, file: pages) and anything else that is not a web origin
        }

        // The host the browser addressed (App Service and the local host pass it through), and the public address a proxy
        // such as Front Door may be serving under a different host name.
        var own = HostString.FromUriComponent(given.Authority);
        if (request.Host.HasValue && SameAuthority(own, request.Host, given))
        {
            return true;
        }

        return Uri.TryCreate(links.Value.PublicBaseUrl, UriKind.Absolute, out var configured)
            && string.Equals(configured.Scheme, given.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(configured.Authority, given.Authority, StringComparison.OrdinalIgnoreCase);
    }

    private static bool SameAuthority(HostString fromOrigin, HostString requestHost, Uri origin)
    {
        var defaultPort = origin.Scheme == "https" ? 443 : 80;
        return string.Equals(fromOrigin.Host, requestHost.Host, StringComparison.OrdinalIgnoreCase)
            && (fromOrigin.Port ?? defaultPort) == (requestHost.Port ?? defaultPort);
    }

    private static ApiResult CrossSite(HttpRequest request, string detail) =>
        Problems.Create(request, StatusCodes.Status403Forbidden, "cross-site-request", "Cross-site request refused.", detail);
}
