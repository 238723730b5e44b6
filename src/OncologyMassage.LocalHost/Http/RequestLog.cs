using System.Diagnostics;
using OncologyMassage.Functions.Http;

namespace OncologyMassage.LocalHost.Http;

/// <summary>
/// The local host's request log: one line per request with the method, the route template (never the path, which may
/// carry a signed-link token), the status and the time taken. Replaces ASP.NET Core's own request lines, which
/// <see cref="PathSafeLogging"/> switches off.
/// </summary>
public static partial class RequestLog
{
    public const string Category = "OncologyMassage.LocalHost.Requests";

    public static IApplicationBuilder UseRouteTemplateRequestLog(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var template = RouteTemplates.Of(context.Request);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    LogRequest(logger, context.Request.Method, template, context.Response.StatusCode, elapsed);
                }
            }
        });
    }

    [LoggerMessage(EventId = 9200, Level = LogLevel.Information, Message = "HTTP {Method} {RouteTemplate} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string routeTemplate, int statusCode, double elapsedMs);
}
