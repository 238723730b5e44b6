using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>The oncologist's answer to the release request (raised as <see cref="WorkflowEvents.ReleaseDecided"/>).</summary>
public sealed record ReleaseDecision(ReleaseOutcome Outcome, string PhysicianName, IReadOnlyList<Precaution> Restrictions, string? Comment);

public enum ReleaseOutcome
{
    Approved,
    ApprovedWithRestrictions,
    Declined,
}

/// <summary>How a referral's orchestration ended.</summary>
public sealed record ReferralOutcome(Stage FinalStage, string Reason);
