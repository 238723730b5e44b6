using Azure.Data.Tables;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// What one instance's history (the engine's History table, one partition per instance) says it did: activities
/// scheduled, timers created and fired, events received, episodes, and how long its episodes and activities took.
/// </summary>
public sealed record JourneyShape(
    int Activities, int TimersCreated, int TimersFired, int Events, int Episodes, IReadOnlyList<TimeSpan> FiredTimerDurations,
    TimeSpan EpisodeTime, TimeSpan ActivityTime)
{
    public static async Task<JourneyShape> ReadAsync(string connectionString, string taskHub, string instanceId, CancellationToken cancellationToken)
    {
        var history = new TableClient(connectionString, taskHub + "History");
        var rows = new List<TableEntity>();
        await foreach (var row in history.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        static string Type(TableEntity row) => row.GetString("EventType") ?? "";
        static DateTimeOffset When(TableEntity row) => row.GetDateTimeOffset("_Timestamp") ?? row.GetDateTimeOffset("Timestamp") ?? default;
        static int? Id(TableEntity row, string column) => row.GetInt32(column);

        var created = rows.Where(r => Type(r) == "TimerCreated").ToDictionary(r => Id(r, "EventId") ?? -1);
        var fired = rows.Where(r => Type(r) == "TimerFired").ToArray();
        var firedDurations = fired
            .Select(f => created.TryGetValue(Id(f, "TimerId") ?? -2, out var c) ? (c.GetDateTimeOffset("FireAt") ?? When(c)) - When(c) : TimeSpan.Zero)
            .Select(d => TimeSpan.FromSeconds(Math.Max(0, Math.Round(d.TotalSeconds))))
            .ToArray();

        var scheduled = rows.Where(r => Type(r) == "TaskScheduled").ToDictionary(r => Id(r, "EventId") ?? -1, When);
        var activityTime = rows.Where(r => Type(r) is "TaskCompleted" or "TaskFailed")
            .Select(r => scheduled.TryGetValue(Id(r, "TaskScheduledId") ?? -2, out var at) ? When(r) - at : TimeSpan.Zero)
            .Aggregate(TimeSpan.Zero, (a, b) => a + b);

        // An episode runs from its OrchestratorStarted to its OrchestratorCompleted.
        var episodeTime = TimeSpan.Zero;
        DateTimeOffset? started = null;
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (Type(row) == "OrchestratorStarted")
            {
                started = When(row);
            }
            else if (Type(row) == "OrchestratorCompleted" && started is { } s)
            {
                episodeTime += When(row) - s;
                started = null;
            }
        }

        return new JourneyShape(
            rows.Count(r => Type(r) == "TaskScheduled"),
            created.Count,
            fired.Length,
            rows.Count(r => Type(r) == "EventRaised"),
            rows.Count(r => Type(r) == "OrchestratorStarted"),
            firedDurations,
            episodeTime,
            activityTime);
    }

    /// <summary>
    /// The typical journey of several, for the report: counts rounded from their means; for the fired timers, the shortest
    /// of all the journeys' fired timers.
    /// </summary>
    public static JourneyShape Mean(IReadOnlyList<JourneyShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        int Round(Func<JourneyShape, int> of) => (int)Math.Round(shapes.Average(of), MidpointRounding.AwayFromZero);
        var fired = Round(s => s.TimersFired);
        var durations = shapes.SelectMany(s => s.FiredTimerDurations).Order().Take(fired).ToArray();
        return new JourneyShape(Round(s => s.Activities), Round(s => s.TimersCreated), fired, Round(s => s.Events), Round(s => s.Episodes), durations,
            TimeSpan.FromTicks((long)shapes.Average(s => s.EpisodeTime.Ticks)), TimeSpan.FromTicks((long)shapes.Average(s => s.ActivityTime.Ticks)));
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Activities} activities, {TimersCreated} timers created ({TimersFired} fired: {string.Join(", ", FiredTimerDurations.Select(d => d.TotalSeconds + " s"))}), {Events} events, {Episodes} episodes; episodes took {EpisodeTime.TotalSeconds:0.00} s, activities {ActivityTime.TotalSeconds:0.00} s (queue time included)");
}
