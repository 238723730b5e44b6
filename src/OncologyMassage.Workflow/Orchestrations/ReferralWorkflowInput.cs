using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// What a referral's orchestration starts with. It carries ids and timings only: the client's details stay in the
/// referral row so that the orchestration history holds no health information.
/// </summary>
public sealed record ReferralWorkflowInput(string ReferralId, string VenueId, WorkflowTimings Timings);
