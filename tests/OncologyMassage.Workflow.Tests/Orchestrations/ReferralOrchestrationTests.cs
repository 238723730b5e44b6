using Microsoft.DurableTask;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

/// <summary>
/// The orchestrator against a strict mock context: every activity, timer and event it asks for is recorded in order.
/// Timers and events are TaskCompletionSources, so each test decides what happens first.
/// </summary>
public sealed class ReferralOrchestrationTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly WorkflowTimings Timings = new(TimeSpan.FromDays(2), TimeSpan.FromDays(14), TimeSpan.FromSeconds(5));
    private static readonly ReferralWorkflowInput Input = new("ref-1", "harbor-infusion-center", Timings);

    private readonly Mock<TaskOrchestrationContext> context = new(MockBehavior.Strict);
    private readonly List<string> calls = [];
    private readonly TaskCompletionSource<ReleaseDecision> decision = new();
    private readonly Dictionary<DateTime, Queue<TaskCompletionSource>> timers = [];

    public ReferralOrchestrationTests()
    {
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.WaitForExternalEvent<ReleaseDecision>(WorkflowEvents.ReleaseDecided, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                calls.Add("wait:ReleaseDecided");
                return decision.Task;
            });
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken _) =>
            {
                calls.Add($"timer:+{(fireAt - Now).TotalDays}d");
                return timers.TryGetValue(fireAt, out var queue) && queue.Count > 0 ? queue.Dequeue().Task : new TaskCompletionSource().Task;
            });
        context.Setup(c => c.CallActivityAsync<Stage>(It.Is<TaskName>(n => n.Name == nameof(RecordStageChange)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var change = (StageChange)input!;
                calls.Add($"stage:{change.From}->{change.To}#{change.Sequence}");
                return Task.FromResult(change.To);
            });
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordTimelineEntry)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var note = (TimelineNote)input!;
                calls.Add($"note:{note.Entry.Kind}#{note.Entry.Sequence}");
                return Task.FromResult(true);
            });
        context.Setup(c => c.CallActivityAsync<DispatchOutcome>(It.Is<TaskName>(n => n.Name == nameof(SendMdReleaseRequest)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var message = (MdReleaseRequestMessage)input!;
                calls.Add($"send:release#{message.Attempt}");
                Assert.Equal(Now + Timings.ReleaseExpiresAfter, message.RespondBy.UtcDateTime);
                OnSend?.Invoke(message.Attempt);
                return Task.FromResult(DispatchOutcome.Sent);
            });
    }

    private Action<int>? OnSend { get; set; }

    private TaskCompletionSource Timer(TimeSpan after)
    {
        var tcs = new TaskCompletionSource();
        if (!timers.TryGetValue(Now + after, out var queue))
        {
            timers[Now + after] = queue = new Queue<TaskCompletionSource>();
        }

        queue.Enqueue(tcs);
        return tcs;
    }

    [Fact]
    public async Task RunAsync_ApprovedBeforeAnyReminder_RequestsReleaseRecordsDecisionAndMovesToIntakePending()
    {
        decision.SetResult(new ReleaseDecision(ReleaseOutcome.Approved, "Dr. Demo", [], null));

        var outcome = await new ReferralOrchestration().RunAsync(context.Object, Input);

        Assert.Equal(new ReferralOutcome(Stage.IntakePending, "Release approved"), outcome);
        Assert.Equal(
        [
            "stage:Received->MdReleaseRequested#1", "wait:ReleaseDecided", "timer:+14d", "send:release#1", "timer:+2d",
            "note:Decision#3", "stage:MdReleaseRequested->IntakePending#4",
        ], calls);
    }

    [Fact]
    public async Task RunAsync_Declined_ClosesAsDeclinedWithoutIntake()
    {
        decision.SetResult(new ReleaseDecision(ReleaseOutcome.Declined, "Dr. Demo", [], "Not now"));

        var outcome = await new ReferralOrchestration().RunAsync(context.Object, Input);

        Assert.Equal(Stage.Declined, outcome.FinalStage);
        Assert.Contains("stage:MdReleaseRequested->Declined#4", calls);
        Assert.DoesNotContain(calls, c => c.Contains("IntakePending", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesWithoutDecision_ClosesAsExpired()
    {
        Timer(Timings.ReleaseExpiresAfter).SetResult();

        var outcome = await new ReferralOrchestration().RunAsync(context.Object, Input);

        Assert.Equal(new ReferralOutcome(Stage.Expired, "No release decision before the deadline"), outcome);
        Assert.Equal(["stage:Received->MdReleaseRequested#1", "wait:ReleaseDecided", "timer:+14d", "send:release#1", "timer:+2d", "stage:MdReleaseRequested->Expired#3"], calls);
    }

    [Fact]
    public async Task RunAsync_ReminderFiresBeforeDecision_SendsReminderThenAcceptsDecision()
    {
        Timer(Timings.ReleaseReminderAfter).SetResult();
        OnSend = attempt =>
        {
            if (attempt == 2)
            {
                decision.SetResult(new ReleaseDecision(ReleaseOutcome.Approved, "Dr. Demo", [], null));
            }
        };

        var outcome = await new ReferralOrchestration().RunAsync(context.Object, Input);

        Assert.Equal(Stage.IntakePending, outcome.FinalStage);
        Assert.Equal(
        [
            "stage:Received->MdReleaseRequested#1", "wait:ReleaseDecided", "timer:+14d", "send:release#1", "timer:+2d",
            "send:release#2", "timer:+2d", "note:Decision#4", "stage:MdReleaseRequested->IntakePending#5",
        ], calls);
    }

    [Fact]
    public async Task RunAsync_ReminderNotBeforeDeadline_SendsOnlyTheRequest()
    {
        Timer(TimeSpan.FromHours(1)).SetResult();
        var input = Input with { Timings = Timings with { ReleaseReminderAfter = TimeSpan.FromDays(14), ReleaseExpiresAfter = TimeSpan.FromHours(1) } };
        context.Setup(c => c.CallActivityAsync<DispatchOutcome>(It.Is<TaskName>(n => n.Name == nameof(SendMdReleaseRequest)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? i, TaskOptions? _) =>
            {
                calls.Add($"send:release#{((MdReleaseRequestMessage)i!).Attempt}");
                return Task.FromResult(DispatchOutcome.Sent);
            });

        var outcome = await new ReferralOrchestration().RunAsync(context.Object, input);

        Assert.Equal(Stage.Expired, outcome.FinalStage);
        Assert.Single(calls, c => c.StartsWith("send:", StringComparison.Ordinal));
        Assert.DoesNotContain("timer:+14d", calls);
    }
}
