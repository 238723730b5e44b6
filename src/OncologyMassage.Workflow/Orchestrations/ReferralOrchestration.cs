using Microsoft.DurableTask;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// One instance per referral (instance id = referral id), the clinic's best practice in order:
/// MD release (<see cref="ReleaseStep"/>) → intake and plan, with holds answered by the oncologist (<see cref="IntakeStep"/>)
/// → scheduling (<see cref="SchedulingStep"/>) → consent before the first session (<see cref="ConsentStep"/>) → the session
/// (<see cref="SessionStep"/>) → follow-ups (<see cref="FollowUpStep"/>) → care-team feedback (only when the client's
/// intake allows contacting their care team) → Completed.
/// A series of sessions continues as new between sessions so the history stays small; a +24 h reply, or a reaction the
/// therapist recorded with the session, that reports flu-like illness, severe fatigue or vomiting tightens the plan before
/// the next session. Cancellation and consent withdrawal
/// end the journey from any wait. Deterministic: time from the context, durations from the input, effects through activities.
/// </summary>
public sealed class ReferralOrchestration : TaskOrchestrator<ReferralWorkflowInput, ReferralOutcome>
{
    public override async Task<ReferralOutcome> RunAsync(TaskOrchestrationContext context, ReferralWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var journey = new Journey(context, input);
        try
        {
            if (input.Resume is null)
            {
                var release = await ReleaseStep.RequestReleaseAsync(journey);
                await IntakeStep.RunAsync(journey, release);
            }

            var slot = await SchedulingStep.RunAsync(journey);
            if (journey.SessionNumber == 1)
            {
                await ConsentStep.RunAsync(journey, slot);
            }

            var session = await SessionStep.RunAsync(journey, slot);
            var replyLowersNextPlan = await FollowUpStep.FirstAsync(journey, session.EndedAt);
            if (journey.SessionNumber < input.SessionsAuthorised)
            {
                if (replyLowersNextPlan || session.ReactionLowersNextPlan)
                {
                    await IntakeStep.TightenAfterSessionAsync(journey);
                }

                context.LogContinuingWithSession(input.ReferralId, journey.SessionNumber + 1);
                // A new episode starts with an empty history, so it can take the newest shape.
                context.ContinueAsNew(input with
                {
                    Resume = new JourneyResume(journey.Stage, journey.SessionNumber + 1, journey.NextSequence),
                    Version = WorkflowVersions.Current,
                });
                return new ReferralOutcome(journey.Stage, $"Continuing with session {journey.SessionNumber + 1}");
            }

            await FollowUpStep.LaterAsync(journey, session.EndedAt);

            // The client's answer on the intake decides whether anything about them goes to the care team.
            if (!await context.CallCheckCareTeamContactAllowedAsync(new CareTeamContactQuery(input.ReferralId), journey.Retry))
            {
                await journey.MoveAsync(Stage.CareTeamFeedback, "Follow-ups done; no outcome summary to the care team: the client asked us not to contact their care team (intake)");
                await journey.CloseAsync(Stage.Completed, $"Journey complete: {input.SessionsAuthorised} session(s) and follow-ups; care team not contacted, as the client asked");
            }

            await journey.MoveAsync(Stage.CareTeamFeedback, "Follow-ups done; sending the outcome summary to the care team");
            await context.CallSendCareTeamSummaryAsync(new CareTeamSummaryMessage(
                input.ReferralId, journey.NowOffset + input.Timings.SummaryLinkValidFor, journey.NextStep()), journey.Retry);
            await journey.CloseAsync(Stage.Completed, $"Journey complete: {input.SessionsAuthorised} session(s), follow-ups and care-team feedback");
            throw new InvalidOperationException("CloseAsync always ends the journey.");
        }
        catch (JourneyEndedException ended)
        {
            return ended.Outcome;
        }
    }
}
