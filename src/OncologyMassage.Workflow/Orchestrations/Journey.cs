using Microsoft.DurableTask;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// One episode of a referral's orchestration: its stage, the next timeline sequence and the events it listens to. Rebuilt
/// identically on every replay (state comes only from the input, the context and activity results).
/// <para>
/// Events: each event name has at most one outstanding waiter, reused until its event is consumed, so an event is never
/// handed to an abandoned waiter. Cancellation and consent withdrawal interrupt any wait: <see cref="RaceAsync"/> throws
/// <see cref="JourneyEndedException"/> after closing the referral.
/// </para>
/// </summary>
internal sealed class Journey
{
    private readonly TaskOrchestrationContext context;
    private readonly TaskOptions retry;
    private readonly Dictionary<string, Task> waiters = new(StringComparer.Ordinal);
    private readonly Task<CancelRequest> cancel;
    private readonly Task<ConsentWithdrawal> withdrawal;
    private int sequence;

    public Journey(TaskOrchestrationContext context, ReferralWorkflowInput input)
    {
        this.context = context;
        Input = input;
        retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: 6, firstRetryInterval: input.Timings.ActivityRetryInterval, backoffCoefficient: 2,
            maxRetryInterval: input.Timings.ActivityRetryInterval * 32));
        Stage = input.Resume?.Stage ?? Stage.Received;
        SessionNumber = input.Resume?.SessionNumber ?? 1;
        sequence = (input.Resume?.NextSequence ?? 1) - 1;
        cancel = Listen<CancelRequest>(WorkflowEvents.CancelRequested);
        withdrawal = Listen<ConsentWithdrawal>(WorkflowEvents.ConsentWithdrawn);
    }

    public ReferralWorkflowInput Input { get; }

    public TaskOrchestrationContext Context => context;

    public Stage Stage { get; private set; }

    public int SessionNumber { get; }

    public DateTime Now => context.CurrentUtcDateTime;

    public DateTimeOffset NowOffset => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    /// <summary>The timeline position for the next write, taking one sequence number.</summary>
    public JourneyStep NextStep() => new(++sequence, NowOffset, Stage);

    /// <summary>Reserves one more sequence number (an activity that may write two entries).</summary>
    public void Skip() => sequence++;

    public int NextSequence => sequence + 1;

    /// <summary>Message ids of the follow-up answers handled in this episode (a repeated delivery is handled once).</summary>
    public HashSet<string> HandledReplies { get; } = new(StringComparer.Ordinal);

    public async Task MoveAsync(Stage to, string detail)
    {
        var change = new StageChange(Input.ReferralId, Input.VenueId, Stage, to, ++sequence, NowOffset, detail);
        Stage = await context.CallRecordStageChangeAsync(change, retry);
        context.LogStageReached(Input.ReferralId, Stage);
    }

    /// <summary>Moves to a closed stage and ends the journey (frees the booking and the phone wait when it ends early).</summary>
    public async Task<ReferralOutcome> CloseAsync(Stage closed, string reason, bool cancelledByCoordinator = false)
    {
        if (closed != Stage.Completed)
        {
            await context.CallCloseReferralAsync(new ReferralClosing(Input.ReferralId, Input.VenueId) { CancelledByCoordinator = cancelledByCoordinator }, retry);
        }

        await MoveAsync(closed, reason);
        context.LogJourneyEnded(Input.ReferralId, closed);
        throw new JourneyEndedException(new ReferralOutcome(closed, reason));
    }

    public Task<bool> NoteAsync(TimelineKind kind, string detail) =>
        context.CallRecordTimelineEntryAsync(
            new TimelineNote(Input.ReferralId, new TimelineEntry(++sequence, NowOffset, kind, Stage, detail)), retry);

    /// <summary>The retry policy of every activity call (<see cref="ActivityCalls"/>): from the input's timings.</summary>
    public TaskOptions Retry => retry;

    public Task<DispatchOutcome> NotifyCoordinatorAsync(CoordinatorNoticeKind kind, string key, DateTimeOffset? respondBy = null) =>
        context.CallNotifyCoordinatorAsync(new CoordinatorNotice(Input.ReferralId, kind, key, NextStep()) { RespondBy = respondBy }, retry);

    /// <summary>The waiter for an event: the outstanding one if it was not consumed yet, else a new one.</summary>
    public Task<T> Listen<T>(string eventName)
    {
        if (waiters.TryGetValue(eventName, out var existing))
        {
            return (Task<T>)existing;
        }

        var waiter = context.WaitForExternalEvent<T>(eventName);
        waiters[eventName] = waiter;
        return waiter;
    }

    /// <summary>Whether this instance's history shape includes the change introduced in <paramref name="version"/> (<see cref="WorkflowVersions"/>).</summary>
    public bool Supports(int version) => Input.Version >= version;

    /// <summary>Takes a completed event's payload; the next <see cref="Listen{T}"/> for that name waits for a new one.</summary>
    public async Task<T> TakeAsync<T>(string eventName)
    {
        var payload = await Listen<T>(eventName);
        waiters.Remove(eventName);
        return payload;
    }

    /// <summary>
    /// Waits for the first of <paramref name="tasks"/>; a cancellation or withdrawal that comes first ends the journey.
    /// Timers created for the race are the caller's to cancel.
    /// </summary>
    public async Task<Task> RaceAsync(params Task[] tasks)
    {
        var winner = await Task.WhenAny([cancel, withdrawal, .. tasks]);
        if (winner == cancel)
        {
            var request = await cancel;
            await CloseAsync(Stage.Cancelled, $"Cancelled by coordinator {request.By} (the reason is on the timeline)", cancelledByCoordinator: true);
        }

        if (winner == withdrawal)
        {
            await withdrawal;
            await ReplyHandling.ScreenFormAnswerAsync(this, FormAnswerKind.Withdrawal, "form-withdrawal");
            await CloseAsync(Stages.CanMove(Stage, Stage.Withdrawn) ? Stage.Withdrawn : Stage.Cancelled,
                "The client withdrew consent (any reason they gave is on the consent record)");
        }

        return winner;
    }

    /// <summary>Waits for an event until <paramref name="deadline"/> (<see cref="DateTime.MaxValue"/>: no deadline); null when the deadline came first.</summary>
    public async Task<T?> WaitAsync<T>(string eventName, DateTime deadline)
        where T : class
    {
        var waiter = Listen<T>(eventName);
        if (!waiter.IsCompleted && deadline == DateTime.MaxValue)
        {
            await RaceAsync(waiter); // no deadline: no timer (a far timer would be re-armed every few days by the engine)
        }
        else if (!waiter.IsCompleted && deadline > Now)
        {
            using var cts = new CancellationTokenSource();
            var timer = context.CreateTimer(deadline, cts.Token);
            context.LogWaiting(Input.ReferralId, eventName, deadline);
            try
            {
                if (await RaceAsync(waiter, timer) != waiter)
                {
                    context.LogWaitExpired(Input.ReferralId, eventName);
                    return null;
                }
            }
            finally
            {
                cts.Cancel(); // also when a cancel or withdrawal ends the journey: an open timer keeps the instance Running
            }
        }

        return waiter.IsCompleted ? await TakeAsync<T>(eventName) : null;
    }

    /// <summary>Waits until <paramref name="at"/> unless the journey is interrupted.</summary>
    public async Task DelayUntilAsync(DateTime at)
    {
        if (at > Now)
        {
            using var cts = new CancellationTokenSource();
            try
            {
                await RaceAsync(context.CreateTimer(at, cts.Token));
            }
            finally
            {
                cts.Cancel(); // an interrupted journey leaves no timer open
            }
        }
    }

    /// <summary>Defers until quiet hours are over in the client's time zone (no texts at night; deferred, never dropped).</summary>
    public async Task UntilClientDaytimeAsync()
    {
        var allowed = QuietHours.NextAllowed(NowOffset, Input.ClientTimeZone, Input.Timings.QuietHoursStart, Input.Timings.QuietHoursEnd);
        if (allowed > NowOffset)
        {
            await NoteAsync(TimelineKind.Note, $"Message to the client deferred to {allowed:yyyy-MM-dd HH:mm} UTC (quiet hours in their time zone)");
            await DelayUntilAsync(allowed.UtcDateTime);
        }
    }

    /// <summary>Sends a client message at a decent hour.</summary>
    public async Task<ClientDelivery> SendToClientAsync(ClientMessageKind kind, string key, Func<JourneyStep, ClientMessage>? build = null)
    {
        await UntilClientDaytimeAsync();
        return await SendToClientNowAsync(kind, key, build);
    }

    /// <summary>Sends a client message at once, in quiet hours too: only for what cannot wait (<see cref="ClientMessageKind.UrgentAdvice"/>).</summary>
    public async Task<ClientDelivery> SendToClientNowAsync(ClientMessageKind kind, string key, Func<JourneyStep, ClientMessage>? build = null)
    {
        var step = NextStep();
        var message = build?.Invoke(step) ?? new ClientMessage(Input.ReferralId, kind, key, step);
        return await context.CallSendClientMessageAsync(message, retry);
    }
}

/// <summary>Thrown by <see cref="Journey.CloseAsync"/> to unwind to the orchestrator with the final outcome.</summary>
#pragma warning disable CA1032, CA1064 // internal control flow of the orchestrator, never serialized or caught elsewhere
internal sealed class JourneyEndedException(ReferralOutcome outcome) : Exception(outcome.Reason)
#pragma warning restore CA1032, CA1064
{
    public ReferralOutcome Outcome { get; } = outcome;
}
