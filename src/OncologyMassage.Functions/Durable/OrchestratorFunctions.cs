using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Functions.Durable;

/// <summary>
/// Thin wrappers that expose the workflow's orchestrators to the Functions host (the source generator that would emit
/// them is not available here). One wrapper per orchestrator, with the orchestrator's own name.
/// </summary>
public static class OrchestratorFunctions
{
    [Function(nameof(ReferralOrchestration))]
    public static Task<ReferralOutcome> RunReferralOrchestration([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReferralOrchestration().RunAsync(context, context.GetInput<ReferralWorkflowInput>()!);
    }

    [Function(nameof(FlagEscalationOrchestration))]
    public static Task<FlagEscalationOutcome> RunFlagEscalationOrchestration([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FlagEscalationOrchestration().RunAsync(context, context.GetInput<FlagEscalationInput>()!);
    }
}
