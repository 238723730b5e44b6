using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.LocalHost;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// <c>lifecycle-post</c>: where the time of a POST /api/referrals goes. On the benchmark's host and Azurite, posts referrals
/// (<c>--concurrency 1</c>: one at a time; 8: eight at once, as (c) does) and records every storage request made meanwhile
/// (start, duration, who sent it, under which outermost activity), and when the host began and ended serving each POST.
/// Prints the median POST's timeline, then over all POSTs its steps (to the host, before the first storage request, the
/// POST's own requests, after the last, back to the client) and what else ran on Azurite meanwhile: the other POSTs' own
/// requests, the work after their answers (phone index, the engine's start), the orphan sweep, the started referrals'
/// first steps, the engine's polling. <c>--posts 20</c>; <c>--gap-ms 0</c> posts back to back (the referrals just posted
/// start their journeys on the same Azurite meanwhile, as in the benchmark's (c)); a gap of a few seconds measures a
/// quieter host.
/// </summary>
public static class PostProfile
{
    private const string ServerRequest = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    public static async Task<int> RunAsync(string[] args)
    {
        var posts = LifecycleBenchmark.Option(args, "--posts", 20);
        var concurrency = Math.Max(1, LifecycleBenchmark.Option(args, "--concurrency", 1));
        var gap = TimeSpan.FromMilliseconds(LifecycleBenchmark.Option(args, "--gap-ms", 0));
        var ct = CancellationToken.None;
        var folder = Path.Combine(Path.GetTempPath(), "om-bench-post-" + Guid.NewGuid().ToString("N"));
        var azurite = await AzuriteLauncher.StartAsync(folder, ct);
        try
        {
            var cs = azurite.ConnectionString;
            using var counter = new StorageRequestCounter(
                LifecycleBenchmark.Port(cs, "BlobEndpoint"), LifecycleBenchmark.Port(cs, "QueueEndpoint"), LifecycleBenchmark.Port(cs, "TableEndpoint"),
                LifecycleBenchmark.JourneyHub, "none");
            var settings = LifecycleBenchmark.HostSettings(cs);
            var app = await LocalHostApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(settings), ct);
            await app.StartAsync(ct);
            try
            {
                var driver = JourneyDriver.For(app, new Dictionary<string, string>());
                using var practice = driver.NewClient(null);
                practice.DefaultRequestHeaders.Add("X-Api-Key", OncologyMassage.LocalHost.Demo.DemoReferrals.PracticeApiKey);

                // Every activity sampled, so the host's HTTP request activity continues the trace of the POST sent here (traceparent
                // header) and the storage requests made while serving it carry that trace id: the POST's own requests. The host's
                // request activity also says when the host began and ended serving it.
                var served = new ConcurrentDictionary<string, (long Start, long End)>(StringComparer.Ordinal);
                using var listener = new ActivityListener
                {
                    ShouldListenTo = _ => true,
                    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                    ActivityStarted = a =>
                    {
                        if (a.OperationName == ServerRequest)
                        {
                            served[a.TraceId.ToHexString()] = (Stopwatch.GetTimestamp(), 0);
                        }
                    },
                    ActivityStopped = a =>
                    {
                        if (a.OperationName == ServerRequest && served.TryGetValue(a.TraceId.ToHexString(), out var s))
                        {
                            served[a.TraceId.ToHexString()] = (s.Start, Stopwatch.GetTimestamp());
                        }
                    },
                };
                ActivitySource.AddActivityListener(listener);
                using var source = new ActivitySource("OncologyMassage.Benchmarks.PostProfile");

                async Task<Post> PostAsync(int number)
                {
                    using var request = driver.NewReferral(number, DemoVenues.HarborInfusionCenter);
                    using var post = source.StartActivity("post")!;
                    var start = Stopwatch.GetTimestamp();
                    using var response = await practice.SendAsync(request, ct);
                    var end = Stopwatch.GetTimestamp();
                    response.EnsureSuccessStatusCode();
                    return new Post(start, end, post.TraceId.ToHexString());
                }

                Console.WriteLine($"Warm-up: {Math.Max(5, concurrency)} POSTs, then 15 s for their journeys to reach their first wait…");
                await Task.WhenAll(Enumerable.Range(0, Math.Max(5, concurrency)).Select(i => PostAsync(90_000 + i)));
                await Task.Delay(TimeSpan.FromSeconds(15), ct);

                Console.WriteLine($"{posts} POSTs, {concurrency} at a time…");
                var runs = new ConcurrentBag<Post>();
                var next = -1;
                counter.StartTrace();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < posts)
                    {
                        runs.Add(await PostAsync(91_000 + i));
                        await Task.Delay(gap, ct);
                    }
                }));
                var zero = counter.TraceStart;
                var traced = counter.StopTrace();
                Print(runs.Select(r => r.Relative(zero, served)).ToList(), traced, concurrency);
            }
            finally
            {
                await app.StopAsync(ct);
                await app.DisposeAsync();
            }

            return 0;
        }
        finally
        {
            await azurite.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    /// <summary>One POST as the client saw it: Stopwatch timestamps of its send and its answer, and its trace.</summary>
    private sealed record Post(long Start, long End, string TraceId)
    {
        public Run Relative(long zero, ConcurrentDictionary<string, (long Start, long End)> served)
        {
            var host = served.TryGetValue(TraceId, out var s) && s.End != 0 ? s : (Start, End);
            return new Run(Stopwatch.GetElapsedTime(zero, Start), Stopwatch.GetElapsedTime(zero, End),
                Stopwatch.GetElapsedTime(zero, host.Start), Stopwatch.GetElapsedTime(zero, host.End), TraceId);
        }
    }

    /// <summary>One POST, in offsets from the trace's start: sent and answered (client), begun and ended (host).</summary>
    private sealed record Run(TimeSpan Sent, TimeSpan Answered, TimeSpan HostBegan, TimeSpan HostEnded, string TraceId)
    {
        public TimeSpan Total => Answered - Sent;

        public bool Overlaps(TracedRequest r) => r.Start < Answered && r.End > Sent;
    }

    /// <summary>What a storage request that ran during a POST, not its own, was doing.</summary>
    private static string Competitor(TracedRequest r, HashSet<string> postTraces) =>
        r.TraceId is { } t && postTraces.Contains(t) ? "the other POSTs' own (row, audit)"
        : r.Root.StartsWith("create_orchestration", StringComparison.Ordinal) ? "after their answers: the engine's start of their instances"
        : r.Caller == StorageCaller.App && r.Operation.Contains("PhoneIndex", StringComparison.Ordinal) ? "after their answers: phone index"
        : r.Caller == StorageCaller.App && r.Operation.EndsWith("Referrals query", StringComparison.Ordinal) ? "the orphan sweep"
        : r.Caller == StorageCaller.App ? "the started referrals' activities (app)"
        : r.Method == "GET" && r.Path.Contains("/messages", StringComparison.Ordinal) ? "the engine's queue polling"
        : "the engine: episodes, history, instance rows, messages";

    private static void Print(List<Run> runs, IReadOnlyList<TracedRequest> traced, int concurrency)
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        var postTraces = runs.Select(r => r.TraceId).ToHashSet(StringComparer.Ordinal);
        var ownOf = traced.Where(q => q.TraceId is not null && postTraces.Contains(q.TraceId)).GroupBy(q => q.TraceId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(q => q.Start).ToArray(), StringComparer.Ordinal);
        TracedRequest[] Own(Run r) => ownOf.TryGetValue(r.TraceId, out var o) ? o : [];

        var ordered = runs.OrderBy(r => r.Total).ToArray();
        var median = ordered[ordered.Length / 2];
        Console.WriteLine();
        Console.WriteLine($"Median POST: {Ms(median.Total)} ms (host began +{Ms(median.HostBegan - median.Sent)}, ended +{Ms(median.HostEnded - median.Sent)}). "
            + "Storage requests meanwhile (+start, duration; * = its own):");
        foreach (var r in traced.Where(median.Overlaps))
        {
            Console.WriteLine($"  {(r.TraceId == median.TraceId ? '*' : ' ')} +{Ms(r.Start - median.Sent),7} ms {Ms(r.Duration),7} ms  {r.Caller,-6} {r.Method,-6} {r.Status} {Shorten(r.Path)}  [{(r.TraceId == median.TraceId ? "its own" : Competitor(r, postTraces))}]");
        }

        // The steps of a POST, from the client's send to its answer: to the host (connection, accept, thread pool), in the host
        // before its first storage request (key, body, JSON, validation, venue), its own requests and the gaps between them,
        // after the last (response), back to the client.
        var steps = runs.Select(r =>
        {
            var own = Own(r);
            var first = own.Length > 0 ? own[0].Start : r.HostEnded;
            var last = own.Length > 0 ? own[^1].End : r.HostEnded;
            var inRequests = own.Sum(q => q.Duration.TotalMilliseconds);
            return new[]
            {
                (r.HostBegan - r.Sent).TotalMilliseconds,
                (first - r.HostBegan).TotalMilliseconds,
                inRequests,
                (last - first).TotalMilliseconds - inRequests,
                (r.HostEnded - last).TotalMilliseconds,
                (r.Answered - r.HostEnded).TotalMilliseconds,
            };
        }).ToArray();
        string[] names =
        [
            "to the host (connection, accept, thread pool)",
            "in the host before its first storage request",
            "its own storage requests",
            "between them (in the host)",
            "after the last (response)",
            "back to the client",
        ];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count} POSTs, {concurrency} at a time: mean {runs.Average(r => r.Total.TotalMilliseconds):0.0} ms, p95 {LifecycleBenchmark.P95(runs.Select(r => r.Total.TotalMilliseconds)):0.0} ms. Steps (mean / p95 ms):"));
        for (var i = 0; i < names.Length; i++)
        {
            var values = steps.Select(s => s[i]).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[i],-48} {values.Average(),7:0.0} / {LifecycleBenchmark.P95(values),7:0.0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  own storage requests per POST: {runs.Average(r => Own(r).Length):0.0}"));
        foreach (var group in runs.SelectMany(Own).GroupBy(r => r.Method + " " + Shorten(r.Path)).OrderByDescending(g => g.Sum(r => r.Duration.TotalMilliseconds)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {group.Key,-70} x{group.Count() / (double)runs.Count:0.0}  mean {group.Average(r => r.Duration.TotalMilliseconds),6:0.0} ms  p95 {LifecycleBenchmark.P95(group.Select(r => r.Duration.TotalMilliseconds)),6:0.0} ms"));
        }

        // What else ran on Azurite while a POST was open: every other request overlapping it, counted once per POST it overlapped.
        var meanwhile = runs.SelectMany(r => traced.Where(q => q.TraceId != r.TraceId && r.Overlaps(q))).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  other storage requests open during a POST: {meanwhile.Length / (double)runs.Count:0.0} per POST, of which:"));
        foreach (var group in meanwhile.GroupBy(q => Competitor(q, postTraces)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {group.Key,-62} {group.Count() / (double)runs.Count,6:0.0}  (mean {group.Average(q => q.Duration.TotalMilliseconds),6:0.0} ms each)"));
        }

        Console.WriteLine("  in the whole window, by operation (count; outermost activity):");
        foreach (var group in traced.Where(q => q.TraceId is null || !postTraces.Contains(q.TraceId)).GroupBy(q => (q.Caller, q.Operation, q.Root))
            .OrderByDescending(g => g.Count()).Take(15))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {group.Count(),5}  {group.Key.Caller,-6} {group.Key.Operation.Replace(" " + LifecycleBenchmark.TablePrefix, " ", StringComparison.Ordinal),-55} {group.Key.Root}"));
        }
    }

    /// <summary>The table, queue or blob a request went to, without keys, ids or query.</summary>
    private static string Shorten(string path)
    {
        var noQuery = path.Split('?')[0].Replace("/devstoreaccount1/", "", StringComparison.Ordinal);
        var paren = noQuery.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? noQuery[..paren] : noQuery;
    }
}
