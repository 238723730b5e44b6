using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// Input of <see cref="BuildAdaptationPlan"/>. <see cref="Answer"/> is the oncologist's answer to a hold question, when the
/// plan is rebuilt after it: its restrictions tighten the plan and a clearance lifts the holds.
/// </summary>
public sealed record PlanInput(string ReferralId, int Version, JourneyStep Step)
{
    public ReleaseDecision? Answer { get; init; }
}

/// <summary>The plan's shape for the orchestration: no clinical content, just whether it holds and its version.</summary>
public sealed record PlanOutcome(int Version, bool NeedsMdInput, int Constraints, int Holds);

/// <summary>
/// Computes the adaptation plan from the referral's precautions, the MD release (and any answer to a hold question) and the
/// intake, through the domain's rules engine; stores it as a new version for the therapist; notes it on the timeline with
/// the hold reasons (the coordinator must see why a referral waits).
/// </summary>
public sealed class BuildAdaptationPlan(IReferralStore store, IReleaseStore releases, IIntakeStore intakes, IPlanStore plans, AdaptationEngine engine)
    : IActivity<PlanInput, PlanOutcome>
{
    public async Task<PlanOutcome> RunAsync(PlanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await store.GetAsync(input.ReferralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} does not exist.");
        var release = await releases.GetAsync(input.ReferralId, cancellationToken);
        var intake = await intakes.GetAsync(input.ReferralId, cancellationToken);

        var referralFindings = record.Referral.ClinicalSummary.Precautions
            .Select(p => p.ToFinding())
            .ToList();
        var decisions = new[] { release?.Decision, input.Answer }.OfType<ReleaseDecision>().ToArray();
        var mdFindings = decisions.SelectMany(d => d.Restrictions)
            .Select(p => p.ToFinding())
            .ToArray();
        var limits = decisions.Select(d => d.Limits).OfType<MdRestrictions>().ToArray();
        var mdRelease = decisions.Length == 0 ? null : new MdRelease(limits.Length > 0 || mdFindings.Length > 0 ? MdReleaseDecision.ModifyAsFollows : MdReleaseDecision.NoContraindications)
        {
            Restrictions = Combine(limits),
            Findings = mdFindings,
            PhysicianName = decisions[^1].PhysicianName,
            Recommendations = string.Join(" ", decisions.Select(d => d.Recommendations).OfType<string>()),
        };

        var asOf = DateOnly.FromDateTime(input.Step.At.UtcDateTime);
        var plan = engine.Evaluate(new PlanRequest(record.Referral.Service, asOf)
        {
            ReferralFindings = referralFindings,
            Release = mdRelease,
            Intake = intake?.Intake,
        });

        var cleared = input.Answer is { Outcome: not ReleaseOutcome.Declined } answer ? answer.PhysicianName : null;
        var basis = intake is null
            ? "Computed from the referral and the MD release only: the intake has not been received"
            : $"Computed from the referral, the MD release{(input.Answer is null ? "" : " and the oncologist's answer")} and the intake of {intake.SubmittedAt:yyyy-MM-dd}";
        await plans.SaveAsync(new PlanRecord(input.ReferralId, input.Version, plan, input.Step.At, basis) { HoldsClearedBy = cleared }, cancellationToken);

        var needsMd = plan.NeedsMdInput && cleared is null;
        var detail = $"Adaptation plan v{input.Version}: {plan.Constraints.Count} adaptation(s), maximum pressure {plan.MaxPressure}"
            + (plan.Holds.Count == 0 ? ""
                : cleared is null ? $"; on hold until the oncologist answers: {plan.HoldSummary}"
                : $"; holds cleared by {cleared}: {plan.HoldSummary}");
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.Note, input.Step.Stage, detail), cancellationToken);
        return new PlanOutcome(input.Version, needsMd, plan.Constraints.Count, plan.Holds.Count);
    }

    private static MdRestrictions? Combine(MdRestrictions[] limits) => limits.Length switch
    {
        0 => null,
        1 => limits[0],
        _ => new MdRestrictions
        {
            // Strictest wins: each answer can only add limits.
            MaxPressure = limits.Any(l => l.MaxPressure is not null) ? limits.Select(l => l.MaxPressure).OfType<int>().Min() : null,
            Sites = limits.SelectMany(l => l.Sites).Distinct().ToArray(),
            AvoidPositions = limits.SelectMany(l => l.AvoidPositions).Distinct().ToArray(),
            MaxSessionMinutes = limits.Any(l => l.MaxSessionMinutes is not null) ? limits.Select(l => l.MaxSessionMinutes).OfType<int>().Min() : null,
            Conditions = limits.SelectMany(l => l.Conditions).Distinct(StringComparer.Ordinal).ToArray(),
        },
    };
}
