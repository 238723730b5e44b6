using System.Collections.Concurrent;
using System.Diagnostics;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>Who sent a storage request: the app's own services, the engine of the app's task hub, or the no-op baseline's engine.</summary>
public enum StorageCaller
{
    App,
    Engine,
    Baseline,
}

/// <summary>One storage request seen while tracing: when it started (from the trace's start), how long it took, who sent it.</summary>
/// <see cref="TraceId"/> is the W3C trace the request ran in (the incoming HTTP request's, when it was made while serving one);
/// <see cref="Root"/> names the outermost activity of this process it ran under (the host's HTTP request, the engine's
/// "create_orchestration", an Azure SDK call made outside any other activity), which tells the work after an answer and the
/// engine's own polling apart; <see cref="Operation"/> is <see cref="StorageRequestCounter.Operation"/>'s.
public sealed record TracedRequest(TimeSpan Start, TimeSpan Duration, StorageCaller Caller, string Method, string Path, int Status, string? TraceId)
{
    public string Root { get; init; } = "";

    public string Operation { get; init; } = "";

    public TimeSpan End => Start + Duration;
}

/// <summary>
/// Counts every HTTP request this process sends to Azurite, whichever client sends it (the app's table, queue and blob
/// clients, the engine's, the baseline's): it listens to the HTTP handler's own diagnostics, which every Azure SDK client's
/// transport passes through, so no client needs to be built differently. Requests are told apart by URL: the engine's
/// queues, tables and lease blobs carry its task hub's name. The benchmark's own look-ups (the actors reading the dev
/// outbox, the driver polling instance status) run with <see cref="Uncounted"/> set and are left out.
/// </summary>
public sealed class StorageRequestCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<bool> UncountedFlow = new();

    private readonly HashSet<int> storagePorts;
    private readonly int tablePort;
    private readonly int queuePort;
    private readonly string engineHub;
    private readonly string baselineHub;
    private readonly ConcurrentDictionary<(StorageCaller Caller, string Kind), long> counts = new();
    private readonly ConcurrentDictionary<(StorageCaller Caller, string Operation), long> operations = new();
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private readonly ConcurrentDictionary<HttpRequestMessage, (long Start, StorageCaller Caller, string? TraceId, string Root, string Operation)> inFlight = new();
    private ConcurrentQueue<TracedRequest>? trace;
    private ConcurrentDictionary<(string Operation, string Site), long>? callers;
    private long traceStart;

    public StorageRequestCounter(int blobPort, int queuePort, int tablePort, string engineHub, string baselineHub)
    {
        storagePorts = [blobPort, queuePort, tablePort];
        this.tablePort = tablePort;
        this.queuePort = queuePort;
        this.engineHub = engineHub;
        this.baselineHub = baselineHub;
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Set in a flow whose storage requests are the benchmark's own, not the system's under test.</summary>
    public static void MarkFlowUncounted() => UncountedFlow.Value = true;

    /// <summary>Requests so far, by caller and by kind ("table", "queue", "blob-write", "blob-read").</summary>
    public Snapshot Take() => new(counts.ToDictionary(p => p.Key, p => p.Value)) { Operations = operations.ToDictionary(p => p.Key, p => p.Value) };

    /// <summary>
    /// What a request did, for the per-operation breakdown: the method, the table, queue or container (without the
    /// account), and for tables whether it addressed one row, queried, inserted or sent a batch ("GET Referrals row").
    /// </summary>
    internal static string Operation(string kind, string method, Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var resource = Uri.UnescapeDataString(segments.Length > 1 ? segments[1] : segments[0]);
        if (kind != "table")
        {
            return $"{method} {kind} {resource}{(segments.Length > 2 ? "/" + segments[2] : "")}";
        }

        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var table = paren >= 0 ? resource[..paren] : resource;
        var shape = table == "$batch" ? "" : resource.Contains("PartitionKey=", StringComparison.Ordinal) ? " row" : method == "GET" ? " query" : " insert";
        return $"{method} {table}{shape}";
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "HttpHandlerDiagnosticListener")
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, (_, _, _) => true));
            }
        }
    }

    /// <summary>When the current trace started (a <see cref="Stopwatch"/> timestamp): the zero of its requests' offsets.</summary>
    public long TraceStart => traceStart;

    /// <summary>From now on, also keeps every counted request with its start and end (see <see cref="StopTrace"/>).</summary>
    public void StartTrace()
    {
        traceStart = Stopwatch.GetTimestamp();
        trace = new ConcurrentQueue<TracedRequest>();
    }

    /// <summary>The requests that ended since <see cref="StartTrace"/>, in order of their start.</summary>
    public IReadOnlyList<TracedRequest> StopTrace()
    {
        var traced = trace?.ToArray() ?? [];
        trace = null;
        inFlight.Clear();
        return traced.OrderBy(t => t.Start).ToArray();
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "System.Net.Http.HttpRequestOut.Stop")
        {
            if (trace is { } t && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage stopped
                && inFlight.TryRemove(stopped, out var started))
            {
                var status = value.Value.GetType().GetProperty("Response")?.GetValue(value.Value) is HttpResponseMessage response ? (int)response.StatusCode : 0;
                t.Enqueue(new TracedRequest(
                    Stopwatch.GetElapsedTime(traceStart, started.Start), Stopwatch.GetElapsedTime(started.Start), started.Caller,
                    stopped.Method.Method, stopped.RequestUri!.AbsolutePath + stopped.RequestUri.Query, status, started.TraceId)
                {
                    Root = started.Root,
                    Operation = started.Operation,
                });
            }

            return;
        }

        if (value.Key != "System.Net.Http.HttpRequestOut.Start" || UncountedFlow.Value
            || value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is not HttpRequestMessage { RequestUri: { } uri } request
            || !storagePorts.Contains(uri.Port))
        {
            return;
        }

        var path = uri.AbsolutePath;
        var batchTable = path.EndsWith("/$batch", StringComparison.Ordinal) ? BatchTable(request) : null;
        if (batchTable is not null)
        {
            path += "/" + batchTable; // a transaction names its table only in its body: the engine's history writes are batches too
        }

        var caller = path.Contains(engineHub, StringComparison.OrdinalIgnoreCase) ? StorageCaller.Engine
            : path.Contains(baselineHub, StringComparison.OrdinalIgnoreCase) ? StorageCaller.Baseline
            : StorageCaller.App;
        var kind = uri.Port == tablePort ? "table"
            : uri.Port == queuePort ? "queue"
            : request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ? "blob-read" : "blob-write";
        var operation = Operation(kind, request.Method.Method, uri) + (batchTable is null ? "" : " " + batchTable);
        counts.AddOrUpdate((caller, kind), 1, (_, n) => n + 1);
        operations.AddOrUpdate((caller, operation), 1, (_, n) => n + 1);
        if (caller == StorageCaller.App && callers is { } sites)
        {
            sites.AddOrUpdate((operation, CallSite()), 1, (_, n) => n + 1);
        }
        if (trace is not null)
        {
            var root = Activity.Current;
            while (root?.Parent is { } parent)
            {
                root = parent;
            }

            inFlight[request] = (Stopwatch.GetTimestamp(), caller, Activity.Current?.TraceId.ToHexString(), root?.OperationName ?? "", operation);
        }
    }

    /// <summary>From now on, also counts the app's requests by the app's code that sent them (see <see cref="StopCallers"/>).</summary>
    public void StartCallers() => callers = new();

    /// <summary>The app's requests since <see cref="StartCallers"/>, by operation and call site (the app's innermost methods on the stack).</summary>
    public IReadOnlyDictionary<(string Operation, string Site), long> StopCallers()
    {
        var sites = callers ?? new();
        callers = null;
        return sites;
    }

    /// <summary>
    /// The app's methods on the sending stack, innermost first (at most seven; an async method's state machine named as its
    /// method). An await that completed asynchronously cuts the stack there, so this is the synchronous part of the chain.
    /// </summary>
    private static string CallSite()
    {
        var names = new List<string>();
        foreach (var frame in new StackTrace(2, false).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            var method = frame.GetMethod()?.Name ?? "";
            if (type is not null && type.Name.StartsWith('<') && type.DeclaringType is { } outer)
            {
                var close = type.Name.IndexOf('>', StringComparison.Ordinal);
                method = close > 1 ? type.Name[1..close] : method;
                type = outer;
            }

            var ns = type?.Namespace ?? "";
            if (!ns.StartsWith("OncologyMassage", StringComparison.Ordinal) || ns.StartsWith("OncologyMassage.Benchmarks", StringComparison.Ordinal))
            {
                continue;
            }

            var name = type!.Name + "." + method;
            if (names.Count == 0 || names[^1] != name)
            {
                names.Add(name);
            }

            if (names.Count == 7)
            {
                break;
            }
        }

        return names.Count == 0 ? "(outside the app's code)" : string.Join(" < ", names);
    }

    /// <summary>
    /// The table a transaction writes, from its multipart body (each part names its row's URL). Reading buffers the body,
    /// which the SDK builds in memory anyway; the request is sent unchanged.
    /// </summary>
    private static string? BatchTable(HttpRequestMessage request)
    {
        if (request.Content is null)
        {
            return null;
        }

        var body = request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var match = System.Text.RegularExpressions.Regex.Match(body, @"/devstoreaccount1/([A-Za-z][A-Za-z0-9]*)");
        return match.Success ? match.Groups[1].Value : null;
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Counts at one moment; subtract two to get what happened in between.</summary>
    public sealed record Snapshot(IReadOnlyDictionary<(StorageCaller Caller, string Kind), long> Counts)
    {
        /// <summary>Requests by caller and <see cref="Operation"/>.</summary>
        public IReadOnlyDictionary<(StorageCaller Caller, string Operation), long> Operations { get; init; } = new Dictionary<(StorageCaller, string), long>();

        public long Of(StorageCaller caller) => Counts.Where(c => c.Key.Caller == caller).Sum(c => c.Value);

        public long Of(StorageCaller caller, string kind) => Counts.TryGetValue((caller, kind), out var n) ? n : 0;

        public long Total => Counts.Values.Sum();

        public static Snapshot operator -(Snapshot after, Snapshot before)
        {
            ArgumentNullException.ThrowIfNull(after);
            ArgumentNullException.ThrowIfNull(before);
            return new(after.Counts.ToDictionary(p => p.Key, p => p.Value - (before.Counts.TryGetValue(p.Key, out var b) ? b : 0)))
            {
                Operations = after.Operations.ToDictionary(p => p.Key, p => p.Value - (before.Operations.TryGetValue(p.Key, out var b) ? b : 0)),
            };
        }

        public Snapshot Subtract(Snapshot before) => this - before;
    }
}
