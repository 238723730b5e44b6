using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>What the proxy did to one request.</summary>
public enum StorageFault
{
    None,

    /// <summary>503 Server Busy, the request not forwarded.</summary>
    ServiceUnavailable,

    /// <summary>500 Internal Error, the request not forwarded.</summary>
    InternalError,

    /// <summary>Forwarded (so it may have taken effect), then no answer for longer than the client's timeout, then the connection closed.</summary>
    Hang,

    /// <summary>The connection closed before the request was forwarded.</summary>
    DropBefore,

    /// <summary>Forwarded and applied by the storage, then the connection closed before the answer: the nastiest case (a retried insert finds its own row).</summary>
    DropAfter,
}

/// <summary>
/// A fault-injecting HTTP reverse proxy between the app and Azurite (issue 16 item 3): one listener per storage service
/// (blob, queue, table), each forwarding to Azurite's port, and answering a share <see cref="Rate"/> of requests with a
/// fault chosen by a seeded random (503, 500, a hang past the client timeout, a dropped connection before or after the
/// storage applied the request). <see cref="ConnectionString"/> is Azurite's with the proxy's endpoints.
/// </summary>
public sealed partial class FaultProxy : IAsyncDisposable
{
    private static readonly StorageFault[] Kinds =
        [StorageFault.ServiceUnavailable, StorageFault.InternalError, StorageFault.Hang, StorageFault.DropBefore, StorageFault.DropAfter];

    private readonly List<WebApplication> listeners = [];
    private readonly HttpClient forward = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private readonly Random random;
    private readonly ConcurrentDictionary<(string Service, StorageFault Fault), int> counts = new();
    private readonly ConcurrentQueue<StorageFault> script = new();

    private FaultProxy(int seed) =>
#pragma warning disable CA5394 // Fault choice, not secrets.
        random = new Random(seed);
#pragma warning restore CA5394

    /// <summary>Share of requests (0..1) answered with a fault; 0 forwards everything. Can be changed while running.</summary>
    public double Rate { get; set; }

    /// <summary>How long a <see cref="StorageFault.Hang"/> holds the answer (longer than the client's network timeout).</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(10);

    public string ConnectionString { get; private set; } = "";

    /// <summary>Requests seen and faults injected, per service ("blob", "queue", "table") and kind.</summary>
    public IReadOnlyDictionary<(string Service, StorageFault Fault), int> Counts => counts;

    public int Faults => counts.Where(c => c.Key.Fault != StorageFault.None).Sum(c => c.Value);

    public int Requests => counts.Sum(c => c.Value);

    /// <summary>Proxies each service of the Azurite that <paramref name="azuriteConnectionString"/> names.</summary>
    public static async Task<FaultProxy> StartAsync(string azuriteConnectionString, double rate, int seed)
    {
        ArgumentNullException.ThrowIfNull(azuriteConnectionString);
        var proxy = new FaultProxy(seed) { Rate = rate };
        var connectionString = azuriteConnectionString;
        foreach (Match endpoint in Endpoint().Matches(azuriteConnectionString))
        {
            var service = endpoint.Groups[1].Value.ToLowerInvariant();
            var target = new Uri(endpoint.Groups[2].Value);
            var port = await proxy.ListenAsync(service, new Uri(target.GetLeftPart(UriPartial.Authority)));
            connectionString = connectionString.Replace(
                endpoint.Groups[2].Value, $"http://127.0.0.1:{port}{target.AbsolutePath.TrimEnd('/')}", StringComparison.Ordinal);
        }

        proxy.ConnectionString = connectionString;
        return proxy;
    }

    public string Summary() =>
        $"{Requests} storage requests, {Faults} faults (" + string.Join(", ", counts.Where(c => c.Key.Fault != StorageFault.None)
            .GroupBy(c => c.Key.Fault).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Sum(c => c.Value)}")) + ")";

    private async Task<int> ListenAsync(string service, Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.Run(context => ForwardAsync(service, target, context));
        await app.StartAsync();
        listeners.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>The next requests get these faults, in order, before the random ones resume.</summary>
    public void Script(params StorageFault[] faults)
    {
        foreach (var fault in faults)
        {
            script.Enqueue(fault);
        }
    }

    private StorageFault Next()
    {
        if (script.TryDequeue(out var scripted))
        {
            return scripted;
        }

        lock (random)
        {
#pragma warning disable CA5394 // Fault choice, not secrets.
            return random.NextDouble() < Rate ? Kinds[random.Next(Kinds.Length)] : StorageFault.None;
#pragma warning restore CA5394
        }
    }

    private async Task ForwardAsync(string service, Uri target, HttpContext context)
    {
        var fault = Next();
        counts.AddOrUpdate((service, fault), 1, (_, n) => n + 1);
        switch (fault)
        {
            case StorageFault.ServiceUnavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers["x-ms-error-code"] = "ServerBusy";
                return;
            case StorageFault.InternalError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.Headers["x-ms-error-code"] = "InternalError";
                return;
            case StorageFault.DropBefore:
                context.Abort();
                return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target.GetLeftPart(UriPartial.Authority) + RawTarget(context)));
        // A body (even empty) whenever the caller sent content headers: the storage signature covers Content-Type and Content-Length.
        if (context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0 || context.Request.ContentType is not null)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        try
        {
            using var response = await forward.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            if (fault == StorageFault.Hang)
            {
                await Task.Delay(HangFor, context.RequestAborted);
                context.Abort();
                return;
            }

            if (fault == StorageFault.DropAfter)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // The caller gave up (its own timeout) or Azurite went away: nothing to answer.
            context.Abort();
        }
    }

    /// <summary>The request target as sent: the decoded path would change what the storage signature covers (e.g. %27 in a table entity's key).</summary>
    private static string RawTarget(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.Path.Value + context.Request.QueryString.Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in listeners)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }

        forward.Dispose();
    }

    [GeneratedRegex(@"(Blob|Queue|Table)Endpoint=(http://[^;]+)")]
    private static partial Regex Endpoint();
}
