using Microsoft.Extensions.Logging;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Logging rules both hosts apply so that no request path (which may carry a signed-link token) is logged, whatever level
/// the configuration asks for (they are set in code, after the configuration's rules, so they win):
/// ASP.NET Core's request-start and request-finish lines and its per-request "RequestPath" log scope
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, off); the route matcher's, static files' and Kestrel's bad-request
/// debug lines, which quote the path or the request line (Warning and above only). Requests are logged by the hosts
/// with the route template instead.
/// </summary>
public static class PathSafeLogging
{
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Categories whose Debug/Information lines quote the request path or request line.</summary>
    public static IReadOnlyList<string> PathQuotingCategories { get; } =
    [
        "Microsoft.AspNetCore.Routing.Matching",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
    ];

    public static ILoggingBuilder AddPathSafeFilters(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
        foreach (var category in PathQuotingCategories)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        return logging;
    }
}
