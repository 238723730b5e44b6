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
/// few referrals and one with many, side by side in one run on one Azurite: seeds the read model's rows (stage index,
/// stage-age index, stage counters) the way stage moves write them, then times pages and counts the storage requests
/// each page makes.
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
                $"Seeded {small:N0} + {big:N0} referrals (stage index + stage-age rows + counters) in {seeding.Elapsed.TotalSeconds:0.0} s"));

            Scenario[] scenarios =
            [
                new("board, all stages, 50 per page", null, false),
                new("one stage (IntakePending), 50 per page", Stage.IntakePending, false),
                new("stuck in IntakePending, 50 per page", Stage.IntakePending, true),
                new("stuck in any stage, 50 per page", null, true),
            ];

            Console.WriteLine();
            Console.WriteLine($"Median of {calls} calls after {WarmUpCalls} warm-up calls, through PipelineService.GetAsync (the code GET /api/pipeline runs):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"scenario",-42} {$"{small:N0} referrals",16} {$"{big:N0} referrals",18} {"ratio",7} {"requests/page",15} {"KiB read/page",15}"));
            foreach (var scenario in scenarios)
            {
                var (smallMs, smallRequests, smallKb) = await MeasureAsync(pipeline, counter, SmallVenue, scenario, calls);
                var (bigMs, bigRequests, bigKb) = await MeasureAsync(pipeline, counter, BigVenue, scenario, calls);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{scenario.Name,-42} {smallMs,13:0.0} ms {bigMs,15:0.0} ms {bigMs / smallMs,7:0.00} {$"{smallRequests} / {bigRequests}",15} {$"{smallKb} / {bigKb}",15}"));
            }

            Console.WriteLine();
            Console.WriteLine("Note: Azurite evaluates every query against all rows of the table (both venues) and sorts the matches;");
            Console.WriteLine("Azure Table Storage serves the same partition key ranges from its index. Requests per page are the design's cost.");
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

    private static async Task<(double MedianMs, long Requests, long KiloBytes)> MeasureAsync(PipelineService pipeline, RequestCounter counter, string venue, Scenario scenario, int calls)
    {
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await pipeline.GetAsync(venue, scenario.Stage, scenario.Stuck, PipelineOptions.DefaultPageSize, null, CancellationToken.None);
        }

        var times = new List<double>(calls);
        var requestsBefore = counter.Count;
        var bytesBefore = counter.Bytes;
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            var view = await pipeline.GetAsync(venue, scenario.Stage, scenario.Stuck, PipelineOptions.DefaultPageSize, null, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (view.Items.Count == 0)
            {
                throw new InvalidOperationException($"{scenario.Name} returned no rows for {venue}: the benchmark would measure nothing.");
            }
        }

        times.Sort();
        return (times[times.Count / 2], (counter.Count - requestsBefore) / calls, (counter.Bytes - bytesBefore) / calls / 1024);
    }

    /// <summary>
    /// The rows stage moves write (see TableReferralStore.ApplyStageChangeAsync): one stage index row and one stage-age
    /// row per referral, spread evenly over the open stages and over <see cref="SeededAgeSpan"/> (so some are stuck), plus one
    /// counter row per stage. Table transactions of 100 operations, each within the venue's partition.
    /// </summary>
    private static async Task SeedAsync(StorageTables tables, string venue, int referrals, DateTimeOffset now)
    {
        var index = await tables.GetAsync(StorageTables.StageIndex, CancellationToken.None);
        var ages = await tables.GetAsync(StorageTables.StageAge, CancellationToken.None);
        var counts = await tables.GetAsync(StorageTables.StageCounts, CancellationToken.None);
        // Batches go out a few at a time: Azurite works on one at a time, but the client's round trips overlap.
        var inFlight = new List<Task>();
        for (var start = 0; start < referrals; start += BatchSize)
        {
            var indexBatch = new List<TableTransactionAction>(BatchSize);
            var ageBatch = new List<TableTransactionAction>(BatchSize);
            for (var i = start; i < Math.Min(start + BatchSize, referrals); i++)
            {
                var id = "ref-" + i.ToString("x32", CultureInfo.InvariantCulture);
                var stage = OpenStages[i % OpenStages.Length];
                var enteredAt = now - (SeededAgeSpan * i / referrals); // spread evenly over the span, whatever the count
                var row = new TableEntity(venue, TableReferralStore.IndexKey(stage, id))
                {
                    ["ReferralId"] = id,
                    ["Stage"] = stage.ToString(),
                    ["EnteredAt"] = enteredAt,
                    ["Initials"] = "AB",
                    ["Service"] = "Massage",
                };
                indexBatch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
                ageBatch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(row) { RowKey = TableReferralStore.AgeKey(stage, enteredAt, id) }));
            }

            inFlight.Add(index.SubmitTransactionAsync(indexBatch));
            inFlight.Add(ages.SubmitTransactionAsync(ageBatch));
            if (inFlight.Count >= 8)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);

        foreach (var (stage, position) in OpenStages.Select((s, p) => (s, p)))
        {
            var count = (referrals / OpenStages.Length) + (position < referrals % OpenStages.Length ? 1 : 0);
            await counts.UpsertEntityAsync(new TableEntity(venue, stage.ToString()) { ["Count"] = count }, TableUpdateMode.Replace);
        }
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
