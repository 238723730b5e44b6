using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// An HTML page for people who open a signed link. Strict headers: no caching, no referrer (the token is in the URL),
/// no scripts, no framing, forms post only back to this app.
/// </summary>
public sealed class HtmlResult(int statusCode, string html) : IActionResult
{
    /// <summary>Nothing but the page itself and its inline style sheet; forms post only back here; never framed.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public int StatusCode { get; } = statusCode;

    public string Html { get; } = html;

    /// <summary>Headers of this answer besides the fixed ones (e.g. Retry-After on a 429 page).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public HtmlResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Html), context.HttpContext.RequestAborted);
    }
}
