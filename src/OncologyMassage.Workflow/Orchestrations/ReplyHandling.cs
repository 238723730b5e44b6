using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Every client reply goes the same way: parsed and screened by the domain, kept on the timeline, and a red flag opens a
/// flag that escalates until a coordinator acknowledges it (<see cref="RaiseRedFlag"/>, docs/clinical.md "Escalation").
/// </summary>
internal static class ReplyHandling
{
    public static async Task<ReplyOutcome> ProcessAsync(Journey journey, ClientReply reply, ReplyExpectation expecting, int slotCount, FollowUpKind? followUp = null)
    {
        var step = journey.NextStep();
        journey.Skip(); // a red flag writes a second entry
        var outcome = await journey.CallAsync<ReplyOutcome>(nameof(ProcessClientReply),
            new ReplyToProcess(journey.Input.ReferralId, reply, expecting, slotCount, step) { SessionNumber = journey.SessionNumber, FollowUp = followUp });
        if (outcome.RedFlag != RedFlagLevel.None)
        {
            await journey.CallAsync<string>(nameof(RaiseRedFlag), new RedFlagToRaise(journey.Input.ReferralId, outcome.RedFlag, reply.MessageId));
        }

        return outcome;
    }
}
