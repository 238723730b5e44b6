using Microsoft.DurableTask;

namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// What a journey makes the engine do, with nothing else: as many activities, durable timers (fired and cancelled) and
/// external events as one real journey's history holds (<see cref="JourneyShape"/>), each activity doing no work.
/// </summary>
public sealed record NoOpPlan(string Id, int Events, int Activities, int CancelledTimersBesidesEvents, IReadOnlyList<TimeSpan> FiredTimers);

/// <summary>Input of <see cref="NoOpStep"/>: the event the orchestration will wait for next (-1: none).</summary>
public sealed record NoOpStepInput(string Id, int NextEvent);

/// <summary>
/// The baseline orchestration. Rounds like the journey's: some activities (the last one "sends the message"), then a wait
/// for the answer raced against a long timer that is cancelled when the answer comes. The fired timers come before the
/// last answers, as the follow-up timers do in the journey.
/// </summary>
public sealed class NoOpJourney : TaskOrchestrator<NoOpPlan, int>
{
    public const string EventPrefix = "answer-";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, NoOpPlan input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var activities = 0;
        var perRound = Math.Max(1, input.Activities / Math.Max(1, input.Events));
        var firedFrom = input.Events - input.FiredTimers.Count;
        for (var e = 0; e < input.Events; e++)
        {
            if (e >= firedFrom)
            {
                await context.CreateTimer(input.FiredTimers[e - firedFrom], CancellationToken.None);
            }

            for (var a = 0; a < perRound; a++)
            {
                activities += await context.CallActivityAsync<int>(nameof(NoOpStep), new NoOpStepInput(input.Id, a == perRound - 1 ? e : -1));
            }

            using var timeout = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), timeout.Token);
            var answer = context.WaitForExternalEvent<int>(EventPrefix + e.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (await Task.WhenAny(answer, timer) != answer)
            {
                throw new TimeoutException("The baseline's answer never came.");
            }

            Cancel(timeout);
        }

        for (var t = 0; t < input.CancelledTimersBesidesEvents; t++)
        {
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), cancel.Token);
            activities += await context.CallActivityAsync<int>(nameof(NoOpStep), new NoOpStepInput(input.Id, -1));
            Cancel(cancel);
            _ = timer;
        }

        while (activities < input.Activities)
        {
            activities += await context.CallActivityAsync<int>(nameof(NoOpStep), new NoOpStepInput(input.Id, -1));
        }

        return activities;
    }

    /// <summary>
    /// Synchronously, as the workflow's orchestrations do: CancelAsync would run the timer's cancellation off the
    /// orchestration's thread, and the episode would never finish.
    /// </summary>
#pragma warning disable CA1849 // see above
    private static void Cancel(CancellationTokenSource source) => source.Cancel();
#pragma warning restore CA1849
}

/// <summary>Does nothing but, when the orchestration is about to wait, tell the driver so that it raises the answer then (as a person would).</summary>
public sealed class NoOpStep(Action<string, int> aboutToWait) : TaskActivity<NoOpStepInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, NoOpStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.NextEvent >= 0)
        {
            aboutToWait(input.Id, input.NextEvent);
        }

        return Task.FromResult(1);
    }
}
