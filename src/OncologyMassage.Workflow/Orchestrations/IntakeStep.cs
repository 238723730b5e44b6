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
    public static async Task RunAsync(Journey journey, ReleaseAnswered release)
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

        await ReplyHandling.ScreenFormAnswerAsync(journey, FormAnswerKind.Intake, "form-intake");

        await PlanAsync(journey, version: 1, afterSession: null);
    }

    /// <summary>
    /// Before the next session of a series, when the client's reply to the +24 h follow-up lowers the plan: the plan in
    /// use tightened by what they reported, versions 2n+1 (and 2n+2 after a hold answer) for session n.
    /// </summary>
    public static Task TightenAfterSessionAsync(Journey journey) =>
        PlanAsync(journey, version: (2 * journey.SessionNumber) + 1, afterSession: journey.SessionNumber);

    /// <summary>Builds plan <paramref name="version"/>; one with holds goes to the oncologist, and their answer makes the next version.</summary>
    private static async Task PlanAsync(Journey journey, int version, int? afterSession)
    {
        var plan = await journey.Context.CallBuildAdaptationPlanAsync(
            new PlanInput(journey.Input.ReferralId, version, journey.NextStep()) { AfterSession = afterSession }, journey.Retry);
        if (plan.NeedsMdInput)
        {
            var answer = await ReleaseStep.AskAboutHoldAsync(journey, $"{plan.Holds} hold(s) in the adaptation plan; see the plan");
            await journey.Context.CallBuildAdaptationPlanAsync(
                new PlanInput(journey.Input.ReferralId, version + 1, journey.NextStep()) { AnswerKey = answer.QuestionKey, AfterSession = afterSession }, journey.Retry);
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
