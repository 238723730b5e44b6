using Microsoft.AspNetCore.Http;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Headers every response carries, in both hosts (the Functions app's <c>SecurityHeadersMiddleware</c>, the local host's
/// pipeline): <c>X-Content-Type-Options: nosniff</c>; <c>Cache-Control: no-store</c> on JSON and HTML, which carry
/// personal data (the dashboard's static files keep their own caching); and HSTS whenever the request reached us over
/// https, directly or through a front end that terminated TLS (<c>X-Forwarded-Proto</c>; browsers ignore HSTS on plain
/// http, so a forged header cannot do harm).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>One year, sub-domains included (the app's host names serve nothing but this app).</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>Registers <see cref="Set"/> to run when the response starts, whatever writes it.</summary>
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            Set((HttpContext)state);
            return Task.CompletedTask;
        }, context);
    }

    public static void Set(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (IsHttps(context.Request))
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        if (string.IsNullOrEmpty(headers.CacheControl) && context.Response.ContentType is { } type
            && (type.Contains("json", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static bool IsHttps(HttpRequest request) =>
        request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim(), "https", StringComparison.OrdinalIgnoreCase);
}
