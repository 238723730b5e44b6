using OncologyMassage.Domain.Clinical.Rules;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical;

/// <summary>Turns findings (referral codes, MD release, intake) and MD restrictions into an <see cref="AdaptationPlan"/>.</summary>
public sealed class AdaptationEngine(ClinicalRuleOptions options)
{
    public AdaptationEngine()
        : this(new ClinicalRuleOptions())
    {
    }

    public ClinicalRuleOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Evaluates every input the request carries.</summary>
    public AdaptationPlan Evaluate(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var findings = new List<Finding>(request.ReferralFindings);
        if (request.Release is { } release)
        {
            findings.AddRange(release.Findings);
        }

        if (request.Intake is { } intake)
        {
            findings.AddRange(IntakeFindings.From(intake, Options));
        }

        var plan = Build(findings, request.Service, request.AsOf);
        if (request.Release is { } r)
        {
            ApplyRelease(r, plan);
        }

        foreach (var position in request.Intake?.PositionsThatHurt.Distinct() ?? [])
        {
            plan.AvoidPosition(position, $"No {position.Describe()}: the client says it hurts", new Cause("Intake: position that hurts", RuleSource.ClientReport));
        }

        return new AdaptationPlan(request.Service, plan.Constraints.ToArray(), plan.Holds.ToArray(), Basis(request));
    }

    /// <summary>Evaluates findings alone (no release, no intake).</summary>
    public AdaptationPlan Evaluate(IEnumerable<Finding> findings, DateOnly asOf, ServiceType service = ServiceType.OncologyMassage) =>
        Evaluate(new PlanRequest(service, asOf) { ReferralFindings = findings.ToArray() });

    private PlanBuilder Build(IReadOnlyList<Finding> findings, ServiceType service, DateOnly asOf)
    {
        var context = new RuleContext(findings, Options, asOf, service);
        var plan = new PlanBuilder();
        foreach (var finding in findings)
        {
            PrecautionRules.For(finding.Code).Apply(finding, context, plan);
            PrecautionRules.EstheticsSkin(finding, context, plan);
        }

        return plan;
    }

    private static void ApplyRelease(MdRelease release, PlanBuilder plan)
    {
        var by = release.PhysicianName is { Length: > 0 } name ? $"MD release ({name})" : "MD release";
        var cause = new Cause(by, RuleSource.MdRestriction);
        if (release.Decision == MdReleaseDecision.NotAdvisable)
        {
            plan.Hold(HoldKind.NotAdvisable, "The physician marked the service not advisable" + (release.Reason is { Length: > 0 } why ? $": {why}" : string.Empty),
                "Would a modified plan (the attached pressures and sites) be acceptable, or should the referral close?", cause);
        }

        if (release.Restrictions is { } r)
        {
            if (r.MaxPressure is { } max)
            {
                plan.Pressure(null, max, $"Pressure ≤{max} whole body", cause);
            }

            foreach (var site in r.Sites)
            {
                if (site.MaxPressure is { } limit)
                {
                    plan.Pressure(site.Site, limit, $"Pressure ≤{limit} on the {site.Site}", cause);
                }
                else
                {
                    plan.AvoidSite(site.Site, $"No contact on the {site.Site}", cause);
                }
            }

            foreach (var position in r.AvoidPositions)
            {
                plan.AvoidPosition(position, $"No {position.Describe()}", cause);
            }

            if (r.MaxSessionMinutes is { } minutes)
            {
                plan.SessionLength(minutes, $"Session ≤{minutes} minutes", cause);
            }

            foreach (var condition in r.Conditions.Where(c => !string.IsNullOrWhiteSpace(c)))
            {
                plan.Add(ConstraintKind.Technique, condition.Trim(), cause);
            }
        }

        if (release.Recommendations is { Length: > 0 } recommendations && !string.IsNullOrWhiteSpace(recommendations))
        {
            plan.Add(ConstraintKind.Technique, $"Physician recommends: {recommendations.Trim()}", cause);
        }
    }

    private static string Basis(PlanRequest request)
    {
        var parts = new List<string>();
        if (request.ReferralFindings.Count > 0)
        {
            parts.Add("the referral's precaution codes");
        }

        if (request.Release is { } release)
        {
            parts.Add(release.Decision == MdReleaseDecision.ModifyAsFollows ? "the MD release restrictions" : "the MD release");
        }

        if (request.Intake is not null)
        {
            parts.Add("the intake evaluation");
        }

        var from = parts.Count switch
        {
            0 => "no clinical inputs yet",
            1 => parts[0],
            _ => string.Join(", ", parts[..^1]) + " and " + parts[^1],
        };
        var only = parts.Count == 1 ? " only" : string.Empty;
        var noIntake = request.Intake is null ? "; no intake yet, so the plan will be recomputed once the intake arrives" : string.Empty;
        return Invariant($"Computed on {request.AsOf:yyyy-MM-dd} from {from}{only}{noIntake}.");
    }
}
