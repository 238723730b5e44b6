using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Limits failed authentication per client address with the platform's partitioned fixed-window limiter
/// (System.Threading.RateLimiting): each failure takes a permit from the client's partition; a successful request takes
/// none, so a clinic's normal traffic is never throttled. A client with no permits left gets a 429 problem with
/// <c>Retry-After</c> for every request that presents a credential until its window ends. Every failure and every
/// refusal is logged as a security event naming the kind of credential and the route template, never the credential.
/// A singleton shared by every HTTP function, so it works the same in the Functions app and the local host.
/// </summary>
public sealed partial class FailedAuthenticationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly ILogger<FailedAuthenticationLimiter> logger;

    public FailedAuthenticationLimiter(IOptions<FailedAuthenticationOptions> options, ILogger<FailedAuthenticationLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        this.logger = logger;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null while the client may still try; otherwise the 429 to answer (logged as a security event).</summary>
    public ApiResult? Refusal(HttpRequest request, AuthenticationKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = ClientOf(request);
        using var lease = limiter.AttemptAcquire(client, 0);
        return lease.IsAcquired ? null : Throttled(request, lease, kind, client);
    }

    /// <summary>Counts one failed authentication; null when the client still has budget, otherwise the 429 to answer instead of the usual refusal.</summary>
    public ApiResult? RecordFailure(HttpRequest request, AuthenticationKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = ClientOf(request);
        LogFailed(logger, kind, RouteTemplates.Of(request), client);
        using var lease = limiter.AttemptAcquire(client, 1);
        return lease.IsAcquired ? null : Throttled(request, lease, kind, client);
    }

    public void Dispose() => limiter.Dispose();

    /// <summary>The partition: the client's address (behind a proxy, the forwarded address the host resolved); IPv6 by its /64, which one subscriber usually holds whole.</summary>
    internal static string ClientOf(HttpRequest request)
    {
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes).ToString() + "/64";
        }

        return address.ToString();
    }

    private ApiResult Throttled(HttpRequest request, RateLimitLease lease, AuthenticationKind kind, string client)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        LogThrottled(logger, kind, RouteTemplates.Of(request), client, seconds);
        return Problems.Create(request, StatusCodes.Status429TooManyRequests, "too-many-failures", "Too many failed attempts.",
                $"Too many requests from this address failed authentication. Try again in {seconds} seconds.")
            .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
    }

    [LoggerMessage(EventId = 7001, EventName = "SecurityAuthenticationFailed", Level = LogLevel.Warning,
        Message = "Security event: {Kind} authentication failed on {RouteTemplate} from {Client}")]
    private static partial void LogFailed(ILogger logger, AuthenticationKind kind, string routeTemplate, string client);

    [LoggerMessage(EventId = 7002, EventName = "SecurityAuthenticationThrottled", Level = LogLevel.Warning,
        Message = "Security event: {Kind} attempt on {RouteTemplate} from {Client} refused (too many failures; retry after {RetryAfterSeconds} s)")]
    private static partial void LogThrottled(ILogger logger, AuthenticationKind kind, string routeTemplate, string client, int retryAfterSeconds);
}
