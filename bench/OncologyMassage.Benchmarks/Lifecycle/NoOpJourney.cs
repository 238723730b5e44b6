using Microsoft.DurableTask;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// What one real journey made the engine do, episode by episode (<see cref="JourneyScript"/>): in each episode the
/// activities and timers it scheduled, then what it waited for before the next episode (activities finishing, timers
/// firing, external events). The no-op replays it one to one, each activity doing no work.
/// </summary>
public sealed record NoOpPlan(string Id, IReadOnlyList<NoOpEpisode> Episodes);

/// <summary>One episode: what it scheduled, then what the orchestration waited for (what the next episode received).</summary>
public sealed record NoOpEpisode(IReadOnlyList<NoOpAction> Schedules, IReadOnlyList<NoOpWait> WaitsFor);

/// <summary>
/// An activity (<see cref="NoOpKind.Activity"/>) or a durable timer (<see cref="NoOpKind.Timer"/>) scheduled with the
/// journey's history id; a timer fires after <see cref="FiresAfterSeconds"/>, or, when the journey's never fired,
/// is created an hour out and never waited for (as a cancelled timeout is).
/// </summary>
public sealed record NoOpAction(NoOpKind Kind, int Id, double FiresAfterSeconds = -1);

/// <summary>What an episode waited for: an activity or timer by its history id, or the journey's n-th external event.</summary>
public sealed record NoOpWait(NoOpKind Kind, int Id);

public enum NoOpKind
{
    Activity,
    Timer,
    Event,
}

/// <summary>
/// The baseline orchestration: schedules what the journey's episode scheduled and waits for what the journey waited for,
/// so it has the journey's episodes, activities, timers (created and fired, with their durations) and events in the
/// journey's order. When it is about to wait for an event it tells the driver (once, not on replay), which raises it
/// then, as a person answers a message.
/// </summary>
public sealed class NoOpJourney(Action<string, int> aboutToWait) : TaskOrchestrator<NoOpPlan, int>
{
    public const string EventPrefix = "answer-";

    /// <summary>How far out a timer the journey never saw fire is set: beyond any run, so it never fires.</summary>
    private static readonly TimeSpan NeverWithinTheRun = TimeSpan.FromHours(1);

    public override async Task<int> RunAsync(TaskOrchestrationContext context, NoOpPlan input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var scheduled = new Dictionary<(NoOpKind, int), Task>();
        var activities = 0;

        // The journey cancels its timeouts once what it waited for came; an instance with a timer still open stays Running
        // after its last step (the engine completes it only when every timer has fired or been cancelled). So timers the
        // journey never saw fire are cancelled here before returning, as the journey's are.
        using var timeouts = new CancellationTokenSource();
        foreach (var episode in input.Episodes)
        {
            foreach (var action in episode.Schedules)
            {
                scheduled[(action.Kind, action.Id)] = action.Kind == NoOpKind.Timer
                    ? action.FiresAfterSeconds >= 0
                        ? context.CreateTimer(TimeSpan.FromSeconds(action.FiresAfterSeconds), CancellationToken.None)
                        : context.CreateTimer(NeverWithinTheRun, timeouts.Token)
                    : context.CallActivityAsync<int>(nameof(NoOpStep), action.Id);
                activities += action.Kind == NoOpKind.Activity ? 1 : 0;
            }

            var waits = new List<Task>();
            foreach (var wait in episode.WaitsFor)
            {
                if (wait.Kind == NoOpKind.Event)
                {
                    if (!context.IsReplaying)
                    {
                        aboutToWait(input.Id, wait.Id);
                    }

                    waits.Add(context.WaitForExternalEvent<int>(EventPrefix + wait.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (scheduled.TryGetValue((wait.Kind, wait.Id), out var task))
                {
                    waits.Add(task);
                }
            }

            if (waits.Count > 0)
            {
                await Task.WhenAll(waits);
            }
        }

        Cancel(timeouts);
        return activities;
    }

    /// <summary>
    /// Synchronously, as the workflow's orchestrations do: CancelAsync would run the timers' cancellation off the
    /// orchestration's thread, and the episode would never finish.
    /// </summary>
#pragma warning disable CA1849 // see above
    private static void Cancel(CancellationTokenSource source) => source.Cancel();
#pragma warning restore CA1849
}

/// <summary>Does nothing.</summary>
public sealed class NoOpStep : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(1);
}
