using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// Input of <see cref="BuildAdaptationPlan"/>. <see cref="AnswerKey"/> names the oncologist's answer to a hold question
/// (read from IReleaseStore), when the plan is rebuilt after it: its restrictions tighten the plan and a clearance lifts the holds. <see cref="AfterSession"/>
/// asks for the plan in use to be tightened by what the client reported after that session (instead of computed anew).
/// </summary>
public sealed record PlanInput(string ReferralId, int Version, JourneyStep Step)
{
    public string? AnswerKey { get; init; }

    public int? AfterSession { get; init; }
}

/// <summary>The plan's shape for the orchestration: no clinical content, just whether it holds and its version.</summary>
public sealed record PlanOutcome(int Version, bool NeedsMdInput, int Constraints, int Holds);

/// <summary>
/// Computes the adaptation plan from the referral's precautions, the MD release (and any answer to a hold question) and the
/// intake, through the domain's rules engine; stores it as a new version for the therapist; notes it on the timeline with
/// the hold reasons (the coordinator must see why a referral waits). Between sessions of a series it tightens the plan in
/// use by the findings of the client's follow-up replies (<see cref="ReplyFindings"/>): after flu-like illness or severe
/// fatigue "the next plan is lowered", and vomiting adds its hold.
/// </summary>
public sealed class BuildAdaptationPlan(
    IReferralStore store, IReleaseStore releases, IIntakeStore intakes, IPlanStore plans, ISessionStore sessions, AdaptationEngine engine)
    : IActivity<PlanInput, PlanOutcome>
{
    public async Task<PlanOutcome> RunAsync(PlanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await store.GetFactsAsync(input.ReferralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} does not exist.");
        var asOf = DateOnly.FromDateTime(input.Step.At.UtcDateTime);
        var answer = input.AnswerKey is null ? null
            : (await releases.GetAnswerAsync(input.ReferralId, input.AnswerKey, cancellationToken))?.Decision
                ?? throw new InvalidOperationException($"Referral {input.ReferralId} has no stored answer {input.AnswerKey}.");
        var (plan, basis) = input.AfterSession is { } session
            ? await TightenedAfterSessionAsync(record, input, answer, session, asOf, cancellationToken)
            : await ComputedAsync(record, input, answer, asOf, cancellationToken);

        var cleared = answer is { Outcome: not ReleaseOutcome.Declined } ? answer.PhysicianName : null;
        await plans.SaveAsync(new PlanRecord(input.ReferralId, input.Version, plan, input.Step.At, basis) { HoldsClearedBy = cleared }, cancellationToken);

        var needsMd = plan.NeedsMdInput && cleared is null;
        var detail = $"Adaptation plan v{input.Version}: {plan.Constraints.Count} adaptation(s), maximum pressure {plan.MaxPressure}"
            + (plan.Holds.Count == 0 ? ""
                : cleared is null ? $"; on hold until the oncologist answers: {plan.HoldSummary}"
                : $"; holds cleared by {cleared}: {plan.HoldSummary}");
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.Note, input.Step.Stage, detail), cancellationToken);
        return new PlanOutcome(input.Version, needsMd, plan.Constraints.Count, plan.Holds.Count);
    }

    private async Task<(AdaptationPlan Plan, string Basis)> ComputedAsync(
        ReferralRecord record, PlanInput input, ReleaseDecision? answer, DateOnly asOf, CancellationToken cancellationToken)
    {
        var release = await releases.GetAsync(input.ReferralId, cancellationToken);
        var intake = await intakes.GetAsync(input.ReferralId, cancellationToken);
        var plan = engine.Evaluate(new PlanRequest(record.Referral.Service, asOf)
        {
            ReferralFindings = record.Referral.ClinicalSummary.Precautions.Select(p => p.ToFinding()).ToList(),
            Release = ToMdRelease([release?.Decision, answer]),
            Intake = intake?.Intake,
        });
        var basis = intake is null
            ? "Computed from the referral and the MD release only: the intake has not been received"
            : $"Computed from the referral, the MD release{(answer is null ? "" : " and the oncologist's answer")} and the intake of {intake.SubmittedAt:yyyy-MM-dd}";
        return (plan, basis);
    }

    /// <summary>
    /// The plan in use tightened by what the client reported in follow-up replies after <paramref name="session"/> (or, with
    /// an answer, by the oncologist's answer to the hold those reports raised). Holds an oncologist cleared stay cleared.
    /// </summary>
    private async Task<(AdaptationPlan Plan, string Basis)> TightenedAfterSessionAsync(
        ReferralRecord record, PlanInput input, ReleaseDecision? answer, int session, DateOnly asOf, CancellationToken cancellationToken)
    {
        var latest = await plans.GetLatestAsync(input.ReferralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} has no plan to tighten.");
        if (answer is not null)
        {
            var answered = engine.Evaluate(new PlanRequest(record.Referral.Service, asOf) { Release = ToMdRelease([answer]) });
            return (latest.Plan.TightenedBy(answered, latest.Plan.Basis), $"{latest.Basis}; then the oncologist's answer");
        }

        // What the client wrote in that session's follow-up answers, and the reaction the therapist recorded with it: one rule.
        var findings = (await sessions.ListFollowUpsAsync(input.ReferralId, cancellationToken))
            .Where(f => f.SessionNumber == session && f.Replied && !string.IsNullOrWhiteSpace(f.Text))
            .Select(f => (Text: f.Text!, f.RecordedAt))
            .Concat((await sessions.ListSessionsAsync(input.ReferralId, cancellationToken))
                .Where(s => s.SessionNumber == session && !string.IsNullOrWhiteSpace(s.Reactions))
                .Select(s => (Text: s.Reactions!, s.RecordedAt)))
            .SelectMany(r => ReplyFindings.From(RedFlagScreener.Screen(r.Text), DateOnly.FromDateTime(r.RecordedAt.UtcDateTime)))
            .ToArray();
        var reported = engine.Evaluate(new PlanRequest(record.Referral.Service, asOf) { ReferralFindings = findings });
        var inUse = latest.HoldsClearedBy is null ? latest.Plan : latest.Plan with { Holds = [] };
        var basis = $"Plan v{latest.Version} tightened after session {session}: the client or the therapist reported "
            + (findings.Length == 0 ? "nothing that changes it" : string.Join("; ", findings.Select(f => f.Detail).Distinct(StringComparer.Ordinal)));
        return (inUse.TightenedBy(reported, basis), basis);
    }

    private static MdRelease? ToMdRelease(ReleaseDecision?[] given)
    {
        var decisions = given.OfType<ReleaseDecision>().ToArray();
        if (decisions.Length == 0)
        {
            return null;
        }

        var mdFindings = decisions.SelectMany(d => d.Restrictions).Select(p => p.ToFinding()).ToArray();
        var limits = decisions.Select(d => d.Limits).OfType<MdRestrictions>().ToArray();
        return new MdRelease(limits.Length > 0 || mdFindings.Length > 0 ? MdReleaseDecision.ModifyAsFollows : MdReleaseDecision.NoContraindications)
        {
            Restrictions = Combine(limits),
            Findings = mdFindings,
            PhysicianName = decisions[^1].PhysicianName,
            Recommendations = string.Join(" ", decisions.Select(d => d.Recommendations).OfType<string>()),
        };
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
