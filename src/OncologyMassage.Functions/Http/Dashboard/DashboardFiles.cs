using Microsoft.AspNetCore.Http;

namespace OncologyMassage.Functions.Http.Dashboard;

/// <summary>
/// The coordinators' dashboard: static files (HTML, CSS, an ES module) copied to the build output's <c>wwwroot</c>.
/// They hold no data; the page reads everything from the API as the signed-in coordinator. Both hosts serve them from
/// here: the Functions app under <c>/api/dashboard/</c>, the local host at its root URL.
/// </summary>
public static class DashboardFiles
{
    /// <summary>The page's own folder beside the app's assemblies.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Same origin only: scripts and styles from this app, API calls to this app, no framing, no inline code.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    /// <summary>
    /// The file for a request path below the dashboard, with its content type; null for anything that is not a plain
    /// file of a served type inside <paramref name="root"/> (no "..", no hidden segments, no backslashes, no absolute paths).
    /// An empty path is the page itself.
    /// </summary>
    public static (string FullPath, string ContentType)? Resolve(string root, string? path)
    {
        ArgumentNullException.ThrowIfNull(root);
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (relative.Length > 200 || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains(':', StringComparison.Ordinal)
            || relative.StartsWith('/') || relative.Any(char.IsControl)
            || relative.Split('/').Any(segment => segment.Length == 0 || segment.StartsWith('.')))
        {
            return null;
        }

        if (!ContentTypes.TryGetValue(Path.GetExtension(relative), out var contentType))
        {
            return null;
        }

        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        return full.StartsWith(fullRoot, StringComparison.Ordinal) && File.Exists(full) ? (full, contentType) : null;
    }

    /// <summary>The headers every dashboard file carries, in both hosts.</summary>
    public static void ApplyHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
