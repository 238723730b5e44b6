using Azure.Data.Tables;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// Turns one instance's history (the engine's History table, one partition per instance) into the <see cref="NoOpPlan"/>
/// that makes the engine do the same: episode by episode, what the orchestration scheduled and what it then waited for.
/// </summary>
public static class JourneyScript
{
    public static async Task<IReadOnlyList<NoOpEpisode>> ReadAsync(string connectionString, string taskHub, string instanceId, CancellationToken cancellationToken)
    {
        var history = new TableClient(connectionString, taskHub + "History");
        var rows = new List<TableEntity>();
        await foreach (var row in history.QueryAsync<TableEntity>(r => r.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return FromHistory(rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList());
    }

    /// <summary>The plan of a history given in order (rows sorted by their sequence-number row keys).</summary>
    public static IReadOnlyList<NoOpEpisode> FromHistory(IReadOnlyList<TableEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        static string Type(TableEntity row) => row.GetString("EventType") ?? "";
        static DateTimeOffset When(TableEntity row) => row.GetDateTimeOffset("_Timestamp") ?? row.GetDateTimeOffset("Timestamp") ?? default;

        var firedTimers = rows.Where(r => Type(r) == "TimerFired").Select(r => r.GetInt32("TimerId") ?? -1).ToHashSet();
        var schedules = new List<List<NoOpAction>>();
        var received = new List<List<NoOpWait>>();
        List<NoOpAction>? episodeSchedules = null;
        List<NoOpWait>? episodeReceived = null;
        DateTimeOffset episodeStart = default;
        var events = 0;
        foreach (var row in rows)
        {
            switch (Type(row))
            {
                case "OrchestratorStarted":
                    episodeSchedules = [];
                    episodeReceived = [];
                    episodeStart = When(row);
                    break;
                case "TaskCompleted" or "TaskFailed":
                    episodeReceived?.Add(new NoOpWait(NoOpKind.Activity, row.GetInt32("TaskScheduledId") ?? -1));
                    break;
                case "TimerFired":
                    episodeReceived?.Add(new NoOpWait(NoOpKind.Timer, row.GetInt32("TimerId") ?? -1));
                    break;
                case "EventRaised":
                    episodeReceived?.Add(new NoOpWait(NoOpKind.Event, events++));
                    break;
                case "TaskScheduled":
                    episodeSchedules?.Add(new NoOpAction(NoOpKind.Activity, row.GetInt32("EventId") ?? -1));
                    break;
                case "TimerCreated":
                    var id = row.GetInt32("EventId") ?? -1;
                    var fireAt = row.GetDateTimeOffset("FireAt") ?? episodeStart;
                    var after = firedTimers.Contains(id) ? Math.Max(0, Math.Round((fireAt - episodeStart).TotalSeconds, 1)) : -1;
                    episodeSchedules?.Add(new NoOpAction(NoOpKind.Timer, id, after));
                    break;
                case "OrchestratorCompleted" when episodeSchedules is not null && episodeReceived is not null:
                    schedules.Add(episodeSchedules);
                    received.Add(episodeReceived);
                    episodeSchedules = null;
                    episodeReceived = null;
                    break;
                default:
                    break;
            }
        }

        // What episode i waited for is what episode i + 1 received.
        return schedules.Select((s, i) => new NoOpEpisode(s, i + 1 < received.Count ? received[i + 1] : [])).ToList();
    }
}
