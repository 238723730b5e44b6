using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace OncologyMassage.Benchmarks;

/// <summary>
/// GET /api/pipeline's query code (<see cref="PipelineService"/> over <see cref="TablePipelineStore"/>) for a venue with
/// few referrals and one with many, side by side in one run on one Azurite: seeds the pipeline board's rows the way
/// stage moves leave them, then times pages and counts the storage requests each page makes.
/// </summary>
public static class PipelineBenchmark
{
    private const string SmallVenue = "bench-small-venue";
    private const string BigVenue = "bench-big-venue";
    private const int BatchSize = 100; // a table transaction holds at most 100 operations, all in one partition
    private const int WarmUpCalls = 5;

    /// <summary>Seeded referrals entered their stage over the last 10 days, so every stage has stuck ones.</summary>
    private static readonly TimeSpan SeededAgeSpan = TimeSpan.FromDays(10);

    private static readonly Stage[] OpenStages =
    [
        Stage.MdReleaseRequested, Stage.NeedsMdInput, Stage.IntakePending, Stage.SchedulingPending,
        Stage.ConsentPending, Stage.SessionScheduled, Stage.FollowUp, Stage.CareTeamFeedback,
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var small = Option(args, "--small", 100);
        var big = Option(args, "--big", 100_000);
        var calls = Option(args, "--calls", 30);
        var folder = Path.Combine(Path.GetTempPath(), "om-bench-azurite-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteLauncher.StartAsync(folder);
        try
        {
            var counter = new RequestCounter();
            var options = new TableClientOptions();
            options.AddPolicy(counter, HttpPipelinePosition.PerCall);
            var service = new TableServiceClient(azurite.ConnectionString, options);
            var tables = new StorageTables(service, MsOptions.Create(new StorageOptions { TablePrefix = "bench" }));
            var pipeline = new PipelineService(new TablePipelineStore(tables), MsOptions.Create(new PipelineOptions()), TimeProvider.System);

            var now = DateTimeOffset.UtcNow;
            var seeding = Stopwatch.StartNew();
            await SeedAsync(tables, SmallVenue, small, now);
            await SeedAsync(tables, BigVenue, big, now);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seeded {small:N0} + {big:N0} referrals (pipeline board rows) in {seeding.Elapsed.TotalSeconds:0.0} s"));

            Scenario[] scenarios =
            [
                new("board, all stages, 50 per page", null, false),
                new("one stage (IntakePending), 50 per page", Stage.IntakePending, false),
                new("stuck in IntakePending, 50 per page", Stage.IntakePending, true),
                new("stuck in any stage, 50 per page", null, true),
            ];

            Console.WriteLine();
            Console.WriteLine($"Median of {calls} calls per venue, alternating small and big, after {WarmUpCalls} warm-up calls each, through PipelineService.GetAsync (the code GET /api/pipeline runs):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"scenario",-42} {$"{small:N0} referrals",16} {$"{big:N0} referrals",18} {"ratio",7} {"requests/call",15} {"KiB read/call",15}"));
            foreach (var scenario in scenarios)
            {
                var (smallRun, bigRun) = await MeasureSideBySideAsync(counter, calls, WarmUpCalls, async (venue, _) =>
                {
                    var view = await pipeline.GetAsync(venue, scenario.Stage, scenario.Stuck, since: null, PipelineOptions.DefaultPageSize, null, CancellationToken.None);
                    if (view.Items.Count == 0)
                    {
                        throw new InvalidOperationException($"{scenario.Name} returned no rows for {venue}: the benchmark would measure nothing.");
                    }
                });
                Print(scenario.Name, smallRun, bigRun);
            }

            // Moves change the board, so no warm-up: each call moves a different seeded referral one stage on.
            var board = new PipelineBoard(tables);
            var (smallMoves, bigMoves) = await MeasureSideBySideAsync(counter, calls, warmUpCalls: 0, (venue, call) =>
            {
                var referrals = venue == SmallVenue ? small : big;
                var seeded = call * (referrals / calls); // spread over the venue, so moves leave buckets across its chains
                return board.MoveAsync(new BoardEntry(venue, "ref-" + seeded.ToString("x32", CultureInfo.InvariantCulture), "AB",
                    OpenStages[(seeded + 1) % OpenStages.Length], DateTimeOffset.UtcNow, []), stageSequence: 1, CancellationToken.None);
            });
            Print("a stage move (the board's write)", smallMoves, bigMoves);

            Console.WriteLine();
            Console.WriteLine("Every read above is a point read (PartitionKey + RowKey): no query, so neither Azurite's full-table filter");
            Console.WriteLine("nor the number of referrals a venue holds is on the path. Requests per page are the design's cost.");
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

    private sealed record Scenario(string Name, Stage? Stage, bool Stuck);

    private sealed record Run(double MedianMs, long RequestsPerCall, long KiBPerCall);

    /// <summary>
    /// Times <paramref name="call"/> for the small and the big venue alternately (small, big, small, big…), so whatever
    /// else the machine does meanwhile falls on both alike; counts the storage requests and bytes of each venue's calls.
    /// </summary>
    private static async Task<(Run Small, Run Big)> MeasureSideBySideAsync(RequestCounter counter, int calls, int warmUpCalls, Func<string, int, Task> call)
    {
        for (var i = 0; i < warmUpCalls; i++)
        {
            await call(SmallVenue, i);
            await call(BigVenue, i);
        }

        var times = new Dictionary<string, List<double>> { [SmallVenue] = [], [BigVenue] = [] };
        var requests = new Dictionary<string, long> { [SmallVenue] = 0, [BigVenue] = 0 };
        var bytes = new Dictionary<string, long> { [SmallVenue] = 0, [BigVenue] = 0 };
        for (var i = 0; i < calls; i++)
        {
            foreach (var venue in (string[])[SmallVenue, BigVenue])
            {
                var (requestsBefore, bytesBefore) = (counter.Count, counter.Bytes);
                var watch = Stopwatch.StartNew();
                await call(venue, i);
                times[venue].Add(watch.Elapsed.TotalMilliseconds);
                requests[venue] += counter.Count - requestsBefore;
                bytes[venue] += counter.Bytes - bytesBefore;
            }
        }

        Run Of(string venue) => new(Median(times[venue]), requests[venue] / calls, bytes[venue] / calls / 1024);
        return (Of(SmallVenue), Of(BigVenue));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Print(string name, Run small, Run big) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-42} {small.MedianMs,13:0.0} ms {big.MedianMs,15:0.0} ms {big.MedianMs / small.MedianMs,7:0.00} {$"{small.RequestsPerCall} / {big.RequestsPerCall}",15} {$"{small.KiBPerCall} / {big.KiBPerCall}",15}"));

    /// <summary>
    /// The board rows stage moves leave (<see cref="PipelineBoard.LayOut"/>): referrals spread evenly over the open stages
    /// and over <see cref="SeededAgeSpan"/>, oldest first (so every stage has stuck ones), written with table transactions
    /// of 100 in the venue's partition. One run of real moves through <see cref="PipelineBoard.MoveAsync"/> is timed as well.
    /// </summary>
    private static async Task SeedAsync(StorageTables tables, string venue, int referrals, DateTimeOffset now)
    {
        var board = await tables.GetAsync(StorageTables.Pipeline, CancellationToken.None);
        var entries = Enumerable.Range(0, referrals)
            .Select(i => (Index: i, Stage: OpenStages[i % OpenStages.Length], EnteredAt: now - (SeededAgeSpan * (referrals - i) / referrals)))
            .OrderBy(e => e.Stage)
            .ThenBy(e => e.EnteredAt)
            .Select(e => new BoardEntry(venue, "ref-" + e.Index.ToString("x32", CultureInfo.InvariantCulture), "AB", e.Stage, e.EnteredAt, []));

        // Batches go out a few at a time: Azurite works on one at a time, but the client's round trips overlap.
        var inFlight = new List<Task>();
        foreach (var batch in PipelineBoard.LayOut(venue, entries).Chunk(BatchSize))
        {
            inFlight.Add(board.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))));
            if (inFlight.Count >= 8)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>Counts the storage requests the table clients send and the bytes they receive.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private long count;
        private long bytes;

        public long Count => Interlocked.Read(ref count);

        /// <summary>Response bytes received: what the pages and counts actually read.</summary>
        public long Bytes => Interlocked.Read(ref bytes);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);

        public override void OnReceivedResponse(HttpMessage message) =>
            Interlocked.Add(ref bytes, message.Response.Headers.ContentLength ?? message.Response.ContentStream?.Length ?? 0);
    }
}
