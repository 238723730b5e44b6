using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// The oncologist's answer to the release request (raised as <see cref="WorkflowEvents.ReleaseDecided"/>).
/// <see cref="Restrictions"/> are precautions the physician adds; <see cref="Limits"/> are "modify as follows" limits
/// (pressure, sites, positions, session length, conditions). Both can only tighten the adaptation plan.
/// </summary>
public sealed record ReleaseDecision(ReleaseOutcome Outcome, string PhysicianName, IReadOnlyList<Precaution> Restrictions, string? Comment)
{
    public MdRestrictions? Limits { get; init; }

    public string? Recommendations { get; init; }

    public string? PhysicianContact { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }
}

public enum ReleaseOutcome
{
    Approved,
    ApprovedWithRestrictions,
    Declined,
}

/// <summary>How a referral's orchestration ended.</summary>
public sealed record ReferralOutcome(Stage FinalStage, string Reason);
