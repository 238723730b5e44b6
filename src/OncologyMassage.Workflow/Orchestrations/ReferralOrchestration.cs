using Microsoft.DurableTask;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// One instance per referral (instance id = referral id). Deterministic: time from the context, durations from the input,
/// every effect through an activity.
/// <para>
/// Today it runs the first stage: request the MD release, remind the oncologist every <c>ReleaseReminderAfter</c> while the
/// decision is pending, close the referral as Expired after <c>ReleaseExpiresAfter</c> or as Declined on a decline, and on
/// an approval record the decision and move to IntakePending. The intake, scheduling, consent, session and follow-up
/// stages continue from <see cref="ContinueAfterReleaseAsync"/> (the journey issue); until then the instance ends there.
/// </para>
/// </summary>
public sealed class ReferralOrchestration : TaskOrchestrator<ReferralWorkflowInput, ReferralOutcome>
{
    public override async Task<ReferralOutcome> RunAsync(TaskOrchestrationContext context, ReferralWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var journey = new Journey(context, input);

        await journey.MoveAsync(Stage.MdReleaseRequested, "MD release requested from the referring oncologist");
        var decision = await RequestReleaseAsync(context, input, journey);
        if (decision is null)
        {
            return await journey.CloseAsync(Stage.Expired, "No release decision before the deadline");
        }

        await journey.NoteAsync(TimelineKind.Decision, DescribeDecision(decision));
        if (decision.Outcome == ReleaseOutcome.Declined)
        {
            return await journey.CloseAsync(Stage.Declined, "The oncologist declined the release");
        }

        return await ContinueAfterReleaseAsync(journey);
    }

    /// <summary>Sends the request, then races the decision against reminders and the expiry deadline. Null when it expired.</summary>
    private static async Task<ReleaseDecision?> RequestReleaseAsync(TaskOrchestrationContext context, ReferralWorkflowInput input, Journey journey)
    {
        var timings = input.Timings;
        var deadline = context.CurrentUtcDateTime + timings.ReleaseExpiresAfter;
        using var cts = new CancellationTokenSource();
        var decision = context.WaitForExternalEvent<ReleaseDecision>(WorkflowEvents.ReleaseDecided, cts.Token);
        var expiry = context.CreateTimer(deadline, cts.Token);

        for (var attempt = 1; ; attempt++)
        {
            await journey.SendReleaseRequestAsync(attempt, deadline);
            var nextReminder = context.CurrentUtcDateTime + timings.ReleaseReminderAfter;
            if (nextReminder >= deadline)
            {
                break;
            }

            using var reminderCts = new CancellationTokenSource();
            var reminder = context.CreateTimer(nextReminder, reminderCts.Token);
            var first = await Task.WhenAny(decision, expiry, reminder);
            if (first != reminder)
            {
                reminderCts.Cancel();
                break;
            }
        }

        var winner = await Task.WhenAny(decision, expiry);
        cts.Cancel();
        return winner == decision ? await decision : null;
    }

    /// <summary>The seam where the intake stage continues. For now: the release is recorded and the referral awaits intake.</summary>
    private static async Task<ReferralOutcome> ContinueAfterReleaseAsync(Journey journey)
    {
        await journey.MoveAsync(Stage.IntakePending, "Release approved; intake evaluation is next");
        return new ReferralOutcome(Stage.IntakePending, "Release approved");
    }

    private static string DescribeDecision(ReleaseDecision decision) => decision.Outcome switch
    {
        ReleaseOutcome.Approved => $"Release approved by {decision.PhysicianName}",
        ReleaseOutcome.ApprovedWithRestrictions =>
            $"Release approved with {decision.Restrictions.Count} restriction(s) by {decision.PhysicianName}",
        _ => $"Release declined by {decision.PhysicianName}",
    };

    /// <summary>The instance's position: current stage and the next timeline sequence. Rebuilt identically on every replay.</summary>
    private sealed class Journey(TaskOrchestrationContext context, ReferralWorkflowInput input)
    {
        private readonly TaskOptions retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: 6, firstRetryInterval: input.Timings.ActivityRetryInterval, backoffCoefficient: 2,
            maxRetryInterval: input.Timings.ActivityRetryInterval * 32));

        private Stage stage = Stage.Received;
        private int sequence;

        public async Task MoveAsync(Stage to, string detail)
        {
            var change = new StageChange(input.ReferralId, input.VenueId, stage, to, ++sequence, context.CurrentUtcDateTime, detail);
            stage = await context.CallActivityAsync<Stage>(nameof(RecordStageChange), change, retry);
        }

        public async Task<ReferralOutcome> CloseAsync(Stage closed, string reason)
        {
            await MoveAsync(closed, reason);
            return new ReferralOutcome(closed, reason);
        }

        public Task<bool> NoteAsync(TimelineKind kind, string detail) =>
            context.CallActivityAsync<bool>(nameof(RecordTimelineEntry),
                new TimelineNote(input.ReferralId, new TimelineEntry(++sequence, context.CurrentUtcDateTime, kind, stage, detail)), retry);

        public Task<DispatchOutcome> SendReleaseRequestAsync(int attempt, DateTime deadline) =>
            context.CallActivityAsync<DispatchOutcome>(nameof(SendMdReleaseRequest),
                new MdReleaseRequestMessage(input.ReferralId, attempt, new DateTimeOffset(deadline, TimeSpan.Zero), ++sequence, context.CurrentUtcDateTime),
                retry);
    }
}
