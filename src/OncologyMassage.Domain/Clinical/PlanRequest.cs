namespace OncologyMassage.Domain.Clinical;

/// <summary>The inputs a plan is computed from. Any of them may be missing; the plan's <see cref="AdaptationPlan.Basis"/> says which were used.</summary>
/// <param name="Service">Massage (OM) or esthetician skin care (ESC).</param>
/// <param name="AsOf">The day the plan is for (week and month windows count from it).</param>
public sealed record PlanRequest(ServiceType Service, DateOnly AsOf)
{
    /// <summary>Precaution codes the oncologist put on the referral.</summary>
    public IReadOnlyList<Finding> ReferralFindings { get; init; } = [];

    public MdRelease? Release { get; init; }

    public Intake? Intake { get; init; }
}
