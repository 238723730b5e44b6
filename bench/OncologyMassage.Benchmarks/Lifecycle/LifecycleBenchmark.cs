using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.LocalHost;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Engine;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// <c>lifecycle</c>: the whole referral journey against what the engine alone costs, as ratios measured in one run on one
/// Azurite (issue #16 item 4): (a) journeys per second against a no-op orchestration with the same activities, timers and
/// events; (b) storage requests per journey against the no-op's; (c) POST /api/referrals p95 against a bare insert of the
/// referral row, at concurrency 1 and 8; (d) idle storage requests per minute and dollars per 1,000 referrals.
/// Prints a table and writes it into docs/performance.md (between its lifecycle markers) unless <c>--no-docs</c>.
/// </summary>
public static class LifecycleBenchmark
{
    internal const string JourneyHub = "benchjourney";
    private const string BaselineHub = "benchnoop";
    internal const string TablePrefix = "bj";
    private const string BeginMarker = "<!-- lifecycle:begin -->";
    private const string EndMarker = "<!-- lifecycle:end -->";

    /// <summary>All five demo venues, each with a coordinator of its own (the simulated phone and the session record need one).</summary>
    private static readonly Dictionary<string, string> CoordinatorOfVenue = new[]
    {
        DemoVenues.HarborInfusionCenter, DemoVenues.WillowSpaRetreat, DemoVenues.StAnneHospital, DemoVenues.HomeVisitsNorth, DemoVenues.SaguaroStudio,
    }.ToDictionary(v => v, v => "bench-" + v);

    public static async Task<int> RunAsync(string[] args)
    {
        var journeys = Option(args, "--journeys", 15);
        var posts = Option(args, "--posts", 60);
        var idleSeconds = Option(args, "--idle-seconds", 60);
        var ct = CancellationToken.None;
        var folder = Path.Combine(Path.GetTempPath(), "om-bench-lifecycle-" + Guid.NewGuid().ToString("N"));
        var azurite = await AzuriteLauncher.StartAsync(folder, ct);
        try
        {
            var cs = azurite.ConnectionString;
            using var counter = new StorageRequestCounter(Port(cs, "BlobEndpoint"), Port(cs, "QueueEndpoint"), Port(cs, "TableEndpoint"), JourneyHub, BaselineHub);
            var engineSettings = new LocalEngineSettings(cs, BaselineHub, "bench");
            var defaults = new LocalHostOptions();
            engineSettings = engineSettings with
            {
                MaxQueuePollingInterval = defaults.MaxQueuePollingInterval,
                WorkItemQueueVisibilityTimeout = defaults.WorkItemQueueVisibilityTimeout,
                ControlQueueVisibilityTimeout = defaults.ControlQueueVisibilityTimeout,
            };

            // The journey first, on a fresh Azurite; the baseline after it, on the same one (with the journey's data in it).
            var report = new Report { Journeys = journeys };
            await RunJourneysAsync(cs, counter, journeys, posts, idleSeconds, report, StringOption(args, "--callers"), ct);
            await RunBaselineAsync(engineSettings, counter, journeys, report, ct);

            var table = report.Render();
            Console.WriteLine();
            Console.WriteLine(table);
            if (!args.Contains("--no-docs"))
            {
                WriteDocs(table);
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

    /// <summary>The local host's settings in every measurement: Azurite, its own task hub and table prefix, follow-ups shrunk to seconds.</summary>
    internal static Dictionary<string, string?> HostSettings(string cs) => new()
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LocalHost:StorageConnectionString"] = cs,
            ["LocalHost:TaskHubName"] = JourneyHub,
            ["LocalHost:RecoveryBound"] = "00:00:00", // the follow-ups are shrunk to seconds below
            ["Storage:TablePrefix"] = TablePrefix,
            ["Links:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Links:PublicBaseUrl"] = "https://om.example",
            ["Workflow:FirstFollowUpAfter"] = "00:00:01",
            ["Workflow:SecondFollowUpAfter"] = "00:00:02",
            ["Workflow:ThirdFollowUpAfter"] = "00:00:03",
            ["Workflow:FollowUpReplyWindow"] = "00:00:30",
            ["Workflow:QuietHoursStart"] = "00:00:00",
            ["Workflow:QuietHoursEnd"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:OncologyMassage.LocalHost.Http"] = "Error",
        };

    /// <summary>Writes the app's requests per journey by operation and call site, most first (<c>--callers FILE</c>).</summary>
    private static void WriteCallers(string file, IReadOnlyDictionary<(string Operation, string Site), long> sites, int journeys)
    {
        var lines = sites.OrderBy(s => s.Key.Operation, StringComparer.Ordinal).ThenByDescending(s => s.Value)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Value / (double)journeys,6:0.0}  {s.Key.Operation,-28} {s.Key.Site}"));
        File.WriteAllLines(file, lines);
        Console.WriteLine($"The app's requests by call site: {file}");
    }

    private static async Task RunJourneysAsync(string cs, StorageRequestCounter counter, int journeys, int posts, int idleSeconds, Report report, string? callersFile, CancellationToken ct)
    {
        var settings = HostSettings(cs);
        var app = await LocalHostApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(settings), ct);
        await app.StartAsync(ct);
        try
        {
            var driver = JourneyDriver.For(app, CoordinatorOfVenue);
            var coordinatorStore = app.Services.GetRequiredService<OncologyMassage.Workflow.Access.ICoordinatorStore>();
            foreach (var (venue, coordinator) in CoordinatorOfVenue)
            {
                await coordinatorStore.UpsertAsync(new OncologyMassage.Workflow.Access.Coordinator(coordinator, "Bench " + venue, coordinator + "@example.org", [venue]), ct);
            }

            await driver.SignInAsync(ct);
            var venues = CoordinatorOfVenue.Keys.ToArray();

            Console.WriteLine($"Warm-up: {venues.Length} journeys, one per venue…");
            var warm = await Task.WhenAll(venues.Select((v, i) => driver.RunAsync(i, v, ct)));
            report.Shape = await JourneyShape.ReadAsync(cs, JourneyHub, warm[0], ct);
            Console.WriteLine($"One journey's history: {report.Shape}");
            report.WarmPlans = await Task.WhenAll(warm.Take(2).Select(id => JourneyScript.ReadAsync(cs, JourneyHub, id, ct)));

            Console.WriteLine($"(a)(b) {journeys} journeys at once…");
            var before = counter.Take();
            if (callersFile is not null)
            {
                counter.StartCallers();
            }

            var (callsBefore, timeBefore) = (driver.HttpCalls, driver.HttpTime);
            var watch = Stopwatch.StartNew();
            var ids = await Task.WhenAll(Enumerable.Range(0, journeys).Select(i => Task.Run(() => driver.RunAsync(100 + i, venues[i % venues.Length], ct))));
            report.JourneyTime = watch.Elapsed;
            report.JourneyRequests = counter.Take() - before; // before the history reads below, which are the benchmark's own
            if (callersFile is not null)
            {
                WriteCallers(callersFile, counter.StopCallers(), journeys);
            }
            report.Shape = JourneyShape.Mean(await Task.WhenAll(ids.Select(id => JourneyShape.ReadAsync(cs, JourneyHub, id, ct))));
            Console.WriteLine($"Mean history of the measured journeys: {report.Shape}");
            report.Plans = await Task.WhenAll(ids.Select(id => JourneyScript.ReadAsync(cs, JourneyHub, id, ct)));
            report.HttpCallsPerJourney = (driver.HttpCalls - callsBefore) / (double)journeys;
            report.HttpTimePerJourney = (driver.HttpTime - timeBefore) / journeys;

            Console.WriteLine("(c) POST /api/referrals against a bare insert of the referral row…");
            var referralRow = await FirstRowAsync(cs, TablePrefix + "Referrals", ct);
            var posted = new ConcurrentBag<string>();
            report.Submit1 = await CompareSubmitAsync(cs, driver, referralRow, concurrency: 1, posts, posted, ct);
            report.Submit8 = await CompareSubmitAsync(cs, driver, referralRow, concurrency: 8, posts * 2, posted, ct);

            // The referrals just posted start, send their release requests and then wait on the oncologist: only then is the
            // host idle. Until then (d) would count their first steps (the lead's run counted 2,821 requests a minute so).
            Console.WriteLine($"(d) waiting until the {posted.Count} referrals of (c) all wait on a person and the app's request rate settles…");
            report.Quiet = await Quiescence.WaitAsync(posted.ToArray(), app.Services.GetRequiredService<DurableTaskClient>(), app.Services.GetRequiredService<IMessageOutbox>(),
                counter, window: TimeSpan.FromSeconds(15), limit: TimeSpan.FromMinutes(5), ct);
            Console.WriteLine($"(d) {(report.Quiet.Reached ? "quiescent" : "NOT quiescent")} after {report.Quiet.Waited.TotalSeconds:0} s; idle for {idleSeconds} s…");
            var idleBefore = counter.Take();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds), ct);
            var idle = counter.Take() - idleBefore;
            report.IdlePerMinute = idle.Total * 60.0 / idleSeconds;
            report.IdleAppPerMinute = idle.Of(StorageCaller.App) * 60.0 / idleSeconds;
            report.IdleEnginePerMinute = idle.Of(StorageCaller.Engine) * 60.0 / idleSeconds;
            report.IdleSnapshot = idle;
            report.IdleSeconds = idleSeconds;
        }
        finally
        {
            await app.StopAsync(ct);
            await app.DisposeAsync();
        }
    }

    private static async Task RunBaselineAsync(LocalEngineSettings settings, StorageRequestCounter counter, int journeys, Report report, CancellationToken ct)
    {
        BaselineEngine? engine = null;
        var raising = new ConcurrentBag<Task>();
        engine = new BaselineEngine(settings, (id, next) => raising.Add(Task.Run(() => engine!.Client.RaiseEventAsync(id, NoOpJourney.EventPrefix + next.ToString(CultureInfo.InvariantCulture), next))));
        await engine.StartAsync();
        try
        {
            // Each no-op replays one journey's own history, episode by episode (JourneyScript), so a timer is waited
            // only where that journey waited it.
            async Task RunOneAsync(string id, IReadOnlyList<NoOpEpisode> episodes)
            {
                await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(NoOpJourney), new NoOpPlan(id, episodes), new Microsoft.DurableTask.StartOrchestrationOptions(id), ct);
                await JourneyDriver.WaitForCompletionAsync(engine.Client, id, ct);
            }

            Console.WriteLine("Baseline warm-up: the two warm-up journeys replayed…");
            await Task.WhenAll(report.WarmPlans.Select((plan, i) => RunOneAsync("warm-" + i.ToString(CultureInfo.InvariantCulture), plan)));
            Console.WriteLine($"One no-op journey's history: {await JourneyShape.ReadAsync(settings.ConnectionString, BaselineHub, "warm-0", ct)}");

            Console.WriteLine($"(a)(b) {journeys} no-op journeys at once, each replaying one measured journey…");
            var ids = Enumerable.Range(0, journeys).Select(i => "noop-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var before = counter.Take();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select((id, i) => Task.Run(() => RunOneAsync(id, report.Plans[i]))));
            report.BaselineTime = watch.Elapsed;
            report.BaselineRequests = counter.Take() - before;
            await Task.WhenAll(raising);
            report.BaselineShape = JourneyShape.Mean(await Task.WhenAll(ids.Select(id => JourneyShape.ReadAsync(settings.ConnectionString, BaselineHub, id, ct))));
            Console.WriteLine($"Mean history of the no-op journeys: {report.BaselineShape}");
        }
        finally
        {
            await engine.DisposeAsync();
        }
    }

    /// <summary>Alternates rounds of POSTs and of bare inserts at the same concurrency, so both meet the same machine.</summary>
    private static async Task<SubmitComparison> CompareSubmitAsync(string cs, JourneyDriver driver, TableEntity row, int concurrency, int count, ConcurrentBag<string> posted, CancellationToken ct)
    {
        StorageRequestCounter.MarkFlowUncounted();
        var bare = new TableClient(cs, "benchBareReferrals");
        await bare.CreateIfNotExistsAsync(ct);
        using var practice = driver.NewClient(null);
        practice.DefaultRequestHeaders.Add("X-Api-Key", OncologyMassage.LocalHost.Demo.DemoReferrals.PracticeApiKey);
        var postTimes = new ConcurrentBag<double>();
        var insertTimes = new ConcurrentBag<double>();
        var next = concurrency * 10_000;
        const int Rounds = 5;
        for (var round = 0; round < Rounds; round++)
        {
            await InParallelAsync(count / Rounds, concurrency, async _ =>
            {
                var number = Interlocked.Increment(ref next);
                using var request = driver.NewReferral(number, DemoVenues.HarborInfusionCenter);
                var watch = Stopwatch.StartNew();
                using var response = await practice.SendAsync(request, ct);
                postTimes.Add(watch.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
                posted.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct))!["id"]!.GetValue<string>());
            });
            await InParallelAsync(count / Rounds, concurrency, async _ =>
            {
                var copy = new TableEntity(row) { PartitionKey = Guid.NewGuid().ToString("N"), RowKey = "referral", ETag = default };
                var watch = Stopwatch.StartNew();
                await bare.AddEntityAsync(copy, ct);
                insertTimes.Add(watch.Elapsed.TotalMilliseconds);
            });
        }

        return new SubmitComparison(concurrency, P95(postTimes), P95(insertTimes), postTimes.Count);
    }

    private static async Task InParallelAsync(int count, int concurrency, Func<int, Task> work)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await work(i);
            }
        }));
    }

    internal static double P95(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1];
    }

    private static async Task<TableEntity> FirstRowAsync(string cs, string table, CancellationToken ct)
    {
        StorageRequestCounter.MarkFlowUncounted();
        await foreach (var row in new TableClient(cs, table).QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: ct))
        {
            return row;
        }

        throw new InvalidOperationException($"No row in {table}: the journeys wrote nothing there.");
    }

    internal static int Port(string connectionString, string endpoint) =>
        new Uri(connectionString.Split(';').Single(p => p.StartsWith(endpoint + "=", StringComparison.Ordinal))[(endpoint.Length + 1)..]).Port;

    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string? StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static void WriteDocs(string table)
    {
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "performance.md");
        var text = File.Exists(path) ? File.ReadAllText(path) : $"# Performance\n\n{BeginMarker}\n{EndMarker}\n";
        var begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            Console.WriteLine($"docs/performance.md has no {BeginMarker} … {EndMarker} section: not written.");
            return;
        }

        var block = new StringBuilder().Append(BeginMarker).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"Last run: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, Release build.\n\n")
            .Append("```\n").Append(table).Append("```\n").ToString();
        File.WriteAllText(path, text[..begin] + block + text[end..]);
        Console.WriteLine($"Written to {path}");
    }

    public sealed record SubmitComparison(int Concurrency, double PostP95Ms, double InsertP95Ms, int Samples);

    /// <summary>Everything measured, and the table it prints as.</summary>
    private sealed class Report
    {
        public int Journeys { get; init; }

        public JourneyShape? Shape { get; set; }

        public JourneyShape? BaselineShape { get; set; }

        /// <summary>The measured journeys' histories as no-op plans, one per journey, in order.</summary>
        public IReadOnlyList<NoOpEpisode>[] Plans { get; set; } = [];

        /// <summary>Two warm-up journeys' plans, to warm the baseline's engine with.</summary>
        public IReadOnlyList<NoOpEpisode>[] WarmPlans { get; set; } = [];

        public TimeSpan JourneyTime { get; set; }

        public StorageRequestCounter.Snapshot JourneyRequests { get; set; } = new(new Dictionary<(StorageCaller, string), long>());

        public double HttpCallsPerJourney { get; set; }

        public TimeSpan HttpTimePerJourney { get; set; }

        public TimeSpan BaselineTime { get; set; }

        public StorageRequestCounter.Snapshot BaselineRequests { get; set; } = new(new Dictionary<(StorageCaller, string), long>());

        public SubmitComparison? Submit1 { get; set; }

        public SubmitComparison? Submit8 { get; set; }

        public double IdlePerMinute { get; set; }

        public double IdleAppPerMinute { get; set; }

        public double IdleEnginePerMinute { get; set; }

        public StorageRequestCounter.Snapshot IdleSnapshot { get; set; } = new(new Dictionary<(StorageCaller, string), long>());

        public int IdleSeconds { get; set; }

        /// <summary>How the wait for a quiescent host before (d) ended.</summary>
        public Quiescence.Outcome? Quiet { get; set; }

        public string Render()
        {
            var s = Shape!;
            var n = (double)Journeys;
            var journeyRate = n / JourneyTime.TotalSeconds;
            var baselineRate = n / BaselineTime.TotalSeconds;
            var perJourney = JourneyRequests.Total / n;
            var appPerJourney = JourneyRequests.Of(StorageCaller.App) / n;
            var enginePerJourney = JourneyRequests.Of(StorageCaller.Engine) / n;
            var baselinePerJourney = BaselineRequests.Of(StorageCaller.Baseline) / n;

            // Cost per 1,000 referrals: the journey's storage requests without the idle polling that ran meanwhile (that is a
            // cost per hour, shown apart), plus the Functions executions: HTTP calls, activities and orchestrator episodes.
            var idleShare = IdlePerMinute * JourneyTime.TotalMinutes / n;
            var netScale = Math.Max(0, perJourney - idleShare) / Math.Max(1, perJourney) * 1000 / n;
            var storage = Prices.StorageCost(JourneyRequests, netScale);
            var executions = HttpCallsPerJourney + s.Activities + s.Episodes;
            var executionSeconds = HttpTimePerJourney.TotalSeconds + s.ActivityTime.TotalSeconds + s.EpisodeTime.TotalSeconds;
            var executionsCost = (decimal)executions * 1000 / 1_000_000 * Prices.PerMillionExecutions;
            var gbSeconds = (decimal)executionSeconds * Prices.InstanceGb * 1000;
            var gbCost = gbSeconds * Prices.PerGbSecond;
            var idlePerMonth = Prices.StorageCost(IdleSnapshot, 60.0 * 24 * 30 * 60 / IdleSeconds);

            var t = new StringBuilder();
            void Row(string what, string measured, string against, string ratio, string target) =>
                t.Append(CultureInfo.InvariantCulture, $"{what,-44} {measured,16} {against,16} {ratio,8} {target,9}\n");
            Row("", "journey", "no-op / bare", "ratio", "target");
            Row("(a) journeys per second", $"{journeyRate:0.000}", $"{baselineRate:0.000}", $"{journeyRate / baselineRate:0.00}x", ">= 0.6x");
            Row("(b) storage requests per journey", $"{perJourney:0}", $"{baselinePerJourney:0}", $"{perJourney / baselinePerJourney:0.00}x", "<= 1.25x");
            Row("      of which the app's / the engine's", $"{appPerJourney:0} / {enginePerJourney:0}", "", "", "");
            foreach (var c in new[] { Submit1, Submit8 }.OfType<SubmitComparison>())
            {
                Row($"(c) POST /api/referrals p95, concurrency {c.Concurrency}", $"{c.PostP95Ms:0.0} ms", $"{c.InsertP95Ms:0.0} ms", $"{c.PostP95Ms / c.InsertP95Ms:0.0}x", "<= 3x");
            }

            Row("(d) idle storage requests per minute", $"{IdlePerMinute:0}", "", "", "");
            Row("      of which the app's / the engine's", $"{IdleAppPerMinute:0} / {IdleEnginePerMinute:0}", "", "", "");
            if (Quiet is { } q)
            {
                t.Append(CultureInfo.InvariantCulture, $"      counted after waiting {q.Waited.TotalSeconds:0} s for the {q.Referrals} referrals of (c) ");
                t.Append(q.Reached
                    ? string.Create(CultureInfo.InvariantCulture, $"to wait on a person and the app's requests to settle ({q.PreviousWindow} then {q.LastWindow} per 15 s)\n")
                    : string.Create(CultureInfo.InvariantCulture, $"and NOT quiescent: {q.StillStarting} still starting, app's requests {q.PreviousWindow} then {q.LastWindow} per 15 s\n"));
            }

            t.Append('\n');
            t.Append(CultureInfo.InvariantCulture, $"{Journeys} journeys at once (one session each, follow-ups shrunk to 1-3 s): {JourneyTime.TotalSeconds:0.0} s; the no-op orchestration: {BaselineTime.TotalSeconds:0.0} s.\n");
            t.Append(CultureInfo.InvariantCulture, $"The journeys' mean history: {s.Activities} activities, {s.TimersCreated} timers created ({s.TimersFired} fired), {s.Events} events, {s.Episodes} episodes.\n");
            if (BaselineShape is { } b)
            {
                t.Append(CultureInfo.InvariantCulture, $"The no-ops' mean history:  {b.Activities} activities, {b.TimersCreated} timers created ({b.TimersFired} fired), {b.Events} events, {b.Episodes} episodes.\n");
            }

            t.Append(CultureInfo.InvariantCulture, $"Storage requests per journey by kind: {Kinds(JourneyRequests, n)}; no-op: {Kinds(BaselineRequests, n)}.\n");
            t.Append(CultureInfo.InvariantCulture, $"The app's requests per journey by operation (table or queue without the prefix): {Operations(JourneyRequests, StorageCaller.App, n)}.\n");
            t.Append('\n');
            t.Append("$ per 1,000 referrals (list prices below; idle polling excluded, it is per hour):\n");
            t.Append(CultureInfo.InvariantCulture, $"  storage transactions  ${storage:0.000}   ({(perJourney - idleShare) * 1000:0} requests)\n");
            t.Append(CultureInfo.InvariantCulture, $"  executions            ${executionsCost:0.000}   ({executions * 1000:0}: {HttpCallsPerJourney:0} HTTP, {s.Activities} activities, {s.Episodes} orchestrator episodes per referral)\n");
            t.Append(CultureInfo.InvariantCulture, $"  execution time        ${gbCost:0.000}   ({gbSeconds:0} GB-s at {Prices.InstanceGb} GB; an upper bound: summed durations, activity queue time included)\n");
            t.Append(CultureInfo.InvariantCulture, $"  total                 ${storage + executionsCost + gbCost:0.000}\n");
            t.Append(CultureInfo.InvariantCulture, $"Idle polling: ${idlePerMonth:0.00} per month of storage transactions for one idle host.\n");
            t.Append(CultureInfo.InvariantCulture, $"Prices as of {Prices.AsOf}: tables ${Prices.TablePer10K}/10k, queues ${Prices.QueuePer10K}/10k, blob writes ${Prices.BlobWritePer10K}/10k, blob reads ${Prices.BlobReadPer10K}/10k, Flex Consumption ${Prices.PerGbSecond}/GB-s and ${Prices.PerMillionExecutions}/million executions.\n");
            return t.ToString();
        }

        private static string Operations(StorageRequestCounter.Snapshot snapshot, StorageCaller caller, double n) =>
            string.Join(", ", snapshot.Operations.Where(o => o.Key.Caller == caller && o.Value / n >= 0.5).OrderByDescending(o => o.Value)
                .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key.Operation.Replace(" " + TablePrefix, " ", StringComparison.Ordinal)} {o.Value / n:0}")));

        private static string Kinds(StorageRequestCounter.Snapshot snapshot, double n) =>
            string.Join(", ", snapshot.Counts.GroupBy(c => c.Key.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(c => c.Value) / n:0}")));
    }
}
