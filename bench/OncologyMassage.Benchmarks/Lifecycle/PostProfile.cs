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
/// <c>lifecycle-post</c>: where the time of one POST /api/referrals goes. On the benchmark's host and Azurite, posts one
/// referral at a time and records every storage request made meanwhile (start, duration, who sent it), then prints the
/// timeline of the median POST and, over all of them, the time spent in the POST's own storage requests against the
/// rest. <c>--posts 20</c>; <c>--gap-ms 0</c> posts back to back (the referrals just posted start their journeys on the
/// same Azurite meanwhile, as in the benchmark's (c)); a gap of a few seconds measures a quieter host.
/// </summary>
public static class PostProfile
{
    public static async Task<int> RunAsync(string[] args)
    {
        var posts = LifecycleBenchmark.Option(args, "--posts", 20);
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
                var driver = new JourneyDriver(new Uri(app.Urls.First() + "/"), File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json")),
                    app.Services.GetRequiredService<IMessageOutbox>(), app.Services.GetRequiredService<DurableTaskClient>(), new Dictionary<string, string>());
                using var practice = driver.NewClient(null);
                practice.DefaultRequestHeaders.Add("X-Api-Key", OncologyMassage.LocalHost.Demo.DemoReferrals.PracticeApiKey);

                // Every activity sampled, so the host's HTTP request activity continues the trace of the POST sent here (traceparent
                // header) and the storage requests made while serving it carry that trace id: the POST's own requests.
                using var listener = new ActivityListener
                {
                    ShouldListenTo = _ => true,
                    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                };
                ActivitySource.AddActivityListener(listener);
                using var source = new ActivitySource("OncologyMassage.Benchmarks.PostProfile");

                async Task<Run> PostAsync(int number)
                {
                    using var request = driver.NewReferral(number, DemoVenues.HarborInfusionCenter);
                    using var post = source.StartActivity("post")!;
                    counter.StartTrace();
                    var watch = Stopwatch.StartNew();
                    using var response = await practice.SendAsync(request, ct);
                    var total = watch.Elapsed;
                    var traced = counter.StopTrace();
                    response.EnsureSuccessStatusCode();
                    return new Run(total, traced, post.TraceId.ToHexString());
                }

                Console.WriteLine("Warm-up: 5 POSTs, then 15 s for their journeys to reach their first wait…");
                for (var i = 0; i < 5; i++)
                {
                    await PostAsync(90_000 + i);
                }

                await Task.Delay(TimeSpan.FromSeconds(15), ct);
                var runs = new List<Run>();
                for (var i = 0; i < posts; i++)
                {
                    runs.Add(await PostAsync(91_000 + i));
                    await Task.Delay(gap, ct);
                }

                Print(runs);
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

    private sealed record Run(TimeSpan Total, IReadOnlyList<TracedRequest> Requests, string TraceId);

    private static void Print(List<Run> runs)
    {
        var ordered = runs.OrderBy(r => r.Total).ToArray();
        var median = ordered[ordered.Length / 2];
        var ms = (TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"Median POST: {ms(median.Total)} ms. Its storage requests (+start, duration; * = the POST's own):");
        bool OwnRequest(TracedRequest r) => r.TraceId == median.TraceId;
        foreach (var r in median.Requests)
        {
            Console.WriteLine($"  {(OwnRequest(r) ? '*' : ' ')} +{ms(r.Start),7} ms {ms(r.Duration),7} ms  {r.Caller,-6} {r.Method,-6} {r.Status} {Shorten(r.Path)}");
        }

        // The POST's own requests run one after another today, so their summed durations are its storage critical path.
        var own = runs.Select(r => r.Requests.Where(q => q.TraceId == r.TraceId).ToArray()).ToArray();
        var ownSum = runs.Select((r, i) => own[i].Sum(q => q.Duration.TotalMilliseconds)).ToArray();
        var ownCount = own.Average(o => o.Length);
        var others = runs.Average(r => r.Requests.Count(q => q.TraceId != r.TraceId));
        var firstOwn = runs.Select((r, i) => own[i].Length > 0 ? own[i][0].Start.TotalMilliseconds : 0).ToArray();
        var afterLast = runs.Select((r, i) => own[i].Length > 0 ? r.Total.TotalMilliseconds - (own[i][^1].Start + own[i][^1].Duration).TotalMilliseconds : 0).ToArray();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count} POSTs: mean {runs.Average(r => r.Total.TotalMilliseconds):0.0} ms, p95 {LifecycleBenchmark.P95(runs.Select(r => r.Total.TotalMilliseconds)):0.0} ms."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  own storage requests per POST: {ownCount:0.0}, their summed duration: mean {ownSum.Average():0.0} ms (each {ownSum.Sum() / Math.Max(1, own.Sum(o => o.Length)):0.0} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  before the first of them (key, body, validation): mean {firstOwn.Average():0.0} ms; after the last (response): mean {afterLast.Average():0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  other storage requests meanwhile (the engine's polling, the journeys of the referrals posted before): {others:0.0} per POST"));
        foreach (var group in own.SelectMany(o => o).GroupBy(r => r.Method + " " + Shorten(r.Path)).OrderByDescending(g => g.Sum(r => r.Duration.TotalMilliseconds)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {group.Key,-70} x{group.Count() / (double)runs.Count:0.0}  mean {group.Average(r => r.Duration.TotalMilliseconds),6:0.0} ms  p95 {LifecycleBenchmark.P95(group.Select(r => r.Duration.TotalMilliseconds)),6:0.0} ms"));
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
