using Microsoft.DurableTask;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

/// <summary>
/// A strict mock <see cref="TaskOrchestrationContext"/> that behaves like the engine where the orchestrator can tell:
/// time only moves when the test fires timers (<see cref="AdvanceTo"/>), external events go to the newest waiter or are
/// buffered until one exists, and every activity call is recorded in order with its input. Activity results come from
/// <see cref="Results"/> (defaults: everything succeeds).
/// </summary>
internal sealed class OrchestrationHarness
{
    private readonly Mock<TaskOrchestrationContext> context = new(MockBehavior.Strict);
    private readonly List<(DateTime At, TaskCompletionSource Tcs, CancellationToken Token)> timers = [];
    private readonly Dictionary<string, Stack<Action<object>>> waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<object>> buffered = new(StringComparer.Ordinal);

    public OrchestrationHarness(DateTime start)
    {
        Now = start;
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => Now);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime at, CancellationToken token) =>
            {
                var tcs = new TaskCompletionSource();
                timers.Add((at, tcs, token));
                return tcs.Task;
            });
        context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(Logger);
        context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback((object? input, bool _) => ContinuedAsNew = (ReferralWorkflowInput?)input);
        SetupWait<ReleaseAnswered>(WorkflowEvents.ReleaseDecided);
        SetupWait<ResendRequest>(WorkflowEvents.ResendRequested);
        SetupWait<FormSubmitted>(WorkflowEvents.IntakeSubmitted);
        SetupWait<FormSubmitted>(WorkflowEvents.ConsentSigned);
        SetupWait<SlotChosen>(WorkflowEvents.SlotChosen);
        SetupWait<ClientReply>(WorkflowEvents.ClientReplied);
        SetupWait<ClientReply>(WorkflowEvents.FollowUpAnswered);
        SetupWait<SessionRecorded>(WorkflowEvents.SessionRecorded);
        SetupWait<SessionRescheduled>(WorkflowEvents.SessionRescheduled);
        SetupWait<CancelRequest>(WorkflowEvents.CancelRequested);
        SetupWait<ConsentWithdrawal>(WorkflowEvents.ConsentWithdrawn);
        SetupWait<FlagAcknowledged>(FlagEvents.Acknowledged);
        SetupActivity<Stage>();
        SetupActivity<bool>();
        SetupActivity<DispatchOutcome>();
        SetupActivity<ClientDelivery>();
        SetupActivity<ReplyOutcome>();
        SetupActivity<ReactionOutcome>();
        SetupActivity<RedFlagLevel>();
        SetupActivity<PlanOutcome>();
        SetupActivity<IReadOnlyList<OfferedSlot>>();
        SetupActivity<string>();

        Results[nameof(RecordStageChange)] = input => ((StageChange)input).To;
        Results[nameof(RecordTimelineEntry)] = _ => true;
        Results[nameof(SendMdReleaseRequest)] = _ => DispatchOutcome.Sent;
        Results[nameof(NotifyCoordinator)] = _ => DispatchOutcome.Sent;
        Results[nameof(SendCareTeamSummary)] = _ => DispatchOutcome.Sent;
        Results[nameof(CheckCareTeamContactAllowed)] = _ => true;
        Results[nameof(SendClientMessage)] = _ => new ClientDelivery(DispatchOutcome.Sent, ContactChannel.Sms);
        Results[nameof(BuildAdaptationPlan)] = input => new PlanOutcome(((PlanInput)input).Version, false, 4, 0);
        Results[nameof(OfferSlots)] = _ => Slots;
        Results[nameof(BookSlot)] = _ => true;
        Results[nameof(CloseReferral)] = _ => true;
        Results[nameof(CloseFollowUp)] = _ => true;
        Results[nameof(RaiseRedFlag)] = input => $"{((RedFlagToRaise)input).ReferralId}.000000000000";
        Results[nameof(SendFlagAlert)] = _ => DispatchOutcome.Sent;
        Results[nameof(ScreenSessionReaction)] = _ => ReactionOutcome.None;
        Results[nameof(ScreenFormAnswer)] = _ => RedFlagLevel.None;
        Results[nameof(ProcessClientReply)] = input =>
        {
            var reply = (ReplyToProcess)input;
            var text = ReplyTexts[reply.Reply.MessageId]; // as the activity reads it from the store: the event carries no text
            var parsed = ReplyParser.Parse(text, reply.Expecting, Math.Max(1, reply.SlotCount));
            return new ReplyOutcome(parsed.Kind, parsed.Slot, RedFlagScreener.Screen(text).Level);
        };
    }

    public DateTime Now { get; private set; }

    public TaskOrchestrationContext Context => context.Object;

    /// <summary>What the orchestrator logged through its replay-safe logger (this mock never replays).</summary>
    public RecordingLogger Logger { get; } = new();

    public Dictionary<string, Func<object, object>> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>The stored texts of client replies by message id (the reply store the activity reads).</summary>
    public Dictionary<string, string> ReplyTexts { get; } = new(StringComparer.Ordinal);

    public List<(string Name, object Input)> Calls { get; } = [];

    public ReferralWorkflowInput? ContinuedAsNew { get; private set; }

    public IReadOnlyList<OfferedSlot> Slots { get; set; } = [];

    /// <summary>The stage moves so far, as "From->To".</summary>
    public IReadOnlyList<string> Moves => Calls.Where(c => c.Name == nameof(RecordStageChange))
        .Select(c => (StageChange)c.Input).Select(c => $"{c.From}->{c.To}").ToArray();

    public IEnumerable<T> Inputs<T>(string activity) => Calls.Where(c => c.Name == activity).Select(c => (T)c.Input);

    /// <summary>Pending (not cancelled, not fired) timers, earliest first.</summary>
    public IReadOnlyList<DateTime> PendingTimers => timers.Where(t => !t.Tcs.Task.IsCompleted && !t.Token.IsCancellationRequested)
        .Select(t => t.At).Order().ToArray();

    public void Raise<T>(string eventName, T payload)
        where T : notnull
    {
        if (waiters.TryGetValue(eventName, out var stack) && stack.Count > 0)
        {
            stack.Pop()(payload);
        }
        else
        {
            (buffered.TryGetValue(eventName, out var queue) ? queue : buffered[eventName] = new Queue<object>()).Enqueue(payload);
        }
    }

    /// <summary>Moves time forward, firing due timers one at a time in order (each firing may create new timers).</summary>
    public void AdvanceTo(DateTime until)
    {
        while (true)
        {
            var next = timers.Where(t => !t.Tcs.Task.IsCompleted && !t.Token.IsCancellationRequested && t.At <= until).OrderBy(t => t.At).FirstOrDefault();
            if (next.Tcs is null)
            {
                break;
            }

            Now = next.At > Now ? next.At : Now;
            next.Tcs.SetResult();
        }

        Now = until > Now ? until : Now;
    }

    public void AdvanceBy(TimeSpan by) => AdvanceTo(Now + by);

    /// <summary>Fires the earliest pending timer.</summary>
    public void FireNextTimer() => AdvanceTo(PendingTimers[0]);

    private void SetupWait<T>(string eventName)
    {
        context.Setup(c => c.WaitForExternalEvent<T>(eventName, It.IsAny<CancellationToken>()))
            .Returns((string name, CancellationToken _) =>
            {
                if (buffered.TryGetValue(name, out var queue) && queue.Count > 0)
                {
                    return Task.FromResult((T)queue.Dequeue());
                }

                var tcs = new TaskCompletionSource<T>();
                (waiters.TryGetValue(name, out var stack) ? stack : waiters[name] = new Stack<Action<object>>()).Push(p => tcs.SetResult((T)p));
                return tcs.Task;
            });
    }

    private void SetupActivity<T>()
    {
        context.Setup(c => c.CallActivityAsync<T>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? _) =>
            {
                Calls.Add((name.Name, input!));
                return Task.FromResult((T)Results[name.Name](input!));
            });
    }
}
