using System.Diagnostics;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// What an HTTP caller sees when something other than their input failed: problem details, never a stack trace.
/// Storage being unreachable or throttled is a 503 the caller may retry (with the same Idempotency-Key); anything else is
/// a 500 with a trace id to quote. Used by the Functions middleware and by the local host, so both answer alike.
/// </summary>
public static partial class UnexpectedFailures
{
    public static ApiResult ToProblem(HttpRequest request, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exception);
        var traceId = Activity.Current?.TraceId.ToString() ?? request.HttpContext.TraceIdentifier;
        LogFailure(logger, exception, request.Method, RouteTemplates.Of(request), traceId);
        return exception is RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or TimeoutException or HttpRequestException
            ? Problems.Create(request, StatusCodes.Status503ServiceUnavailable, "unavailable", "A service the app depends on is unavailable.",
                    $"Nothing was lost; retry in a minute (repeat the same Idempotency-Key for a referral). Trace id: {traceId}.")
                .WithHeader("Retry-After", "60")
            : Problems.Create(request, StatusCodes.Status500InternalServerError, "unexpected", "Something went wrong on our side.",
                $"Quote this trace id to support: {traceId}.");
    }

    // The exception and the route template only: never the path (it may hold a signed-link token) nor the body (it may
    // hold clinical content).
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "HTTP {Method} {RouteTemplate} failed (trace {TraceId})")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string routeTemplate, string traceId);
}
