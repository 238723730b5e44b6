using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Intake evaluation: send the client a signed link to the intake form, remind once, expire at the deadline; then compute the
/// adaptation plan. A plan with holds (fever, platelets below the hold threshold, infection …) goes to the oncologist with the
/// specific question, and scheduling waits for the answer.
/// </summary>
internal static class IntakeStep
{
    public static async Task RunAsync(Journey journey, ReleaseDecision release)
    {
        var timings = journey.Input.Timings;
        await journey.MoveAsync(Stage.IntakePending, release.Outcome == ReleaseOutcome.ApprovedWithRestrictions
            ? "Release approved with restrictions; intake evaluation is next"
            : "Release approved; intake evaluation is next");

        var deadline = journey.Now + timings.IntakeExpiresAfter;
        var linkExpires = new DateTimeOffset(deadline, TimeSpan.Zero);
        await journey.SendToClientAsync(ClientMessageKind.IntakeInvitation, "intake:1",
            step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.IntakeInvitation, "intake:1", step) { LinkExpiresAt = linkExpires });

        var submitted = await journey.WaitAsync<FormSubmitted>(WorkflowEvents.IntakeSubmitted, Min(journey.Now + timings.IntakeReminderAfter, deadline));
        if (submitted is null && journey.Now < deadline)
        {
            await journey.SendToClientAsync(ClientMessageKind.IntakeInvitation, "intake:2",
                step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.IntakeInvitation, "intake:2", step) { LinkExpiresAt = linkExpires, Reminder = true });
            submitted = await journey.WaitAsync<FormSubmitted>(WorkflowEvents.IntakeSubmitted, deadline);
        }

        if (submitted is null)
        {
            await journey.CloseAsync(Stage.Expired, "The intake form was not submitted before the deadline");
        }

        var plan = await journey.CallAsync<PlanOutcome>(nameof(BuildAdaptationPlan), new PlanInput(journey.Input.ReferralId, 1, journey.NextStep()));
        if (plan.NeedsMdInput)
        {
            var answer = await ReleaseStep.AskAboutHoldAsync(journey, $"{plan.Holds} hold(s) in the adaptation plan; see the plan");
            await journey.CallAsync<PlanOutcome>(nameof(BuildAdaptationPlan), new PlanInput(journey.Input.ReferralId, 2, journey.NextStep()) { Answer = answer });
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
