namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// The adapted session: every constraint with its cause, combined strictest-wins (lowest pressure, union of avoided
/// sites and positions, shortest session), and the holds that stop scheduling.
/// </summary>
/// <param name="Service">Massage or esthetics.</param>
/// <param name="Constraints">Every constraint every rule emitted, each with its cause (duplicates from different causes kept).</param>
/// <param name="Holds">Findings that need MD input, deferral or referral before any session.</param>
/// <param name="Basis">Which inputs the plan was computed from, in plain words (e.g. "from MD release restrictions only").</param>
public sealed record AdaptationPlan(ServiceType Service, IReadOnlyList<PlanConstraint> Constraints, IReadOnlyList<PlanHold> Holds, string Basis)
{
    /// <summary>Highest Walton level with no finding: very deep.</summary>
    public const int Unlimited = 5;

    /// <summary>The whole-body Walton limit (0–5): the lowest of every whole-body pressure constraint.</summary>
    public int MaxPressure => Constraints
        .Where(c => c.Kind == ConstraintKind.Pressure && IsWholeBody(c.Site))
        .Select(c => c.MaxPressure ?? Unlimited)
        .DefaultIfEmpty(Unlimited)
        .Min();

    /// <summary>The Walton limit at a site: the lowest of the whole-body limit and every limit on an overlapping site.</summary>
    public int PressureLimitAt(BodySite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Constraints
            .Where(c => c.Kind == ConstraintKind.Pressure && (IsWholeBody(c.Site) || c.Site!.Overlaps(site)))
            .Select(c => c.MaxPressure ?? Unlimited)
            .DefaultIfEmpty(Unlimited)
            .Min();
    }

    /// <summary>True when a no-contact constraint covers the site.</summary>
    public bool IsAvoided(BodySite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Constraints.Any(c => c.Kind == ConstraintKind.AvoidSite && c.Site is not null && c.Site.Overlaps(site));
    }

    public IReadOnlySet<Position> AvoidedPositions => Constraints
        .Where(c => c.Kind == ConstraintKind.Position && c.AvoidPosition is not null)
        .Select(c => c.AvoidPosition!.Value)
        .ToHashSet();

    public IReadOnlyList<Position> AllowedPositions => Positions.All.Where(p => !AvoidedPositions.Contains(p)).ToArray();

    /// <summary>The shortest session cap, or null when no finding limits the session length.</summary>
    public int? MaxSessionMinutes => Constraints
        .Where(c => c.Kind == ConstraintKind.SessionLength && c.MaxMinutes is not null)
        .Select(c => c.MaxMinutes)
        .Min();

    /// <summary>Any hold stops scheduling: the referral moves to NeedsMdInput with the holds' reasons.</summary>
    public bool NeedsMdInput => Holds.Count > 0;

    /// <summary>The holds' reasons in one line for the coordinator's board, most urgent first; empty when there is no hold.</summary>
    public string HoldSummary => string.Join("; ", OrderedHolds.Select(h => h.Reason).Distinct(StringComparer.Ordinal));

    /// <summary>The specific questions to ask the MD, most urgent first, without repeats.</summary>
    public IReadOnlyList<string> QuestionsForMd => OrderedHolds.Select(h => h.QuestionForMd).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Holds ordered by urgency: emergency, not advisable, same-day referral, defer, needs MD input.</summary>
    public IReadOnlyList<PlanHold> OrderedHolds => Holds.OrderBy(h => h.Kind switch
    {
        HoldKind.Emergency => 0,
        HoldKind.NotAdvisable => 1,
        HoldKind.SameDayReferral => 2,
        HoldKind.Defer => 3,
        _ => 4,
    }).ToArray();

    /// <summary>
    /// This plan with every constraint and hold of <paramref name="other"/> added, e.g. what a reaction after a session
    /// adds to the plan in use: every limit of either applies, so the result is at least as strict as both.
    /// </summary>
    public AdaptationPlan TightenedBy(AdaptationPlan other, string basis)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Constraints = [.. Constraints, .. other.Constraints], Holds = [.. Holds, .. other.Holds], Basis = basis };
    }

    /// <summary>
    /// True when this plan is at least as strict as <paramref name="other"/> in every respect: whole-body and per-site
    /// pressure, avoided sites and positions, session length, every constraint and every hold of the other plan.
    /// </summary>
    public bool IsAtLeastAsStrictAs(AdaptationPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (MaxPressure > other.MaxPressure || !AvoidedPositions.IsSupersetOf(other.AvoidedPositions))
        {
            return false;
        }

        if (other.MaxSessionMinutes is { } theirs && (MaxSessionMinutes is not { } ours || ours > theirs))
        {
            return false;
        }

        foreach (var site in AllSites)
        {
            if (PressureLimitAt(site) > other.PressureLimitAt(site) || (other.IsAvoided(site) && !IsAvoided(site)))
            {
                return false;
            }
        }

        var mine = Constraints.Select(c => (c.Kind, c.Text, c.Site)).ToHashSet();
        var myHolds = Holds.Select(h => (h.Kind, h.Reason)).ToHashSet();
        return other.Constraints.All(c => mine.Contains((c.Kind, c.Text, c.Site)))
            && other.Holds.All(h => myHolds.Contains((h.Kind, h.Reason)));
    }

    /// <summary>Every region on every side, used to compare plans site by site.</summary>
    public static IReadOnlyList<BodySite> AllSites { get; } = BodyRegions.Regions
        .SelectMany(r => BodyRegions.IsLateral(r)
            ? new[] { new BodySite(r, BodySide.Left), new BodySite(r, BodySide.Right) }
            : [new BodySite(r)])
        .ToArray();

    private static bool IsWholeBody(BodySite? site) => site is null || site.Region == BodyRegion.WholeBody;
}
