using System.Globalization;
using System.Text;

namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Renders a plan for the therapist as plain text (the pages render its <see cref="Lines"/> as HTML), short and ordered by importance: holds, then the pressure summary, then no-contact
/// sites, pressure limits, positions, joint movement, technique, stroke direction, products, session length, hygiene and
/// comfort. Each line carries its reason; identical instructions from several findings are merged into one line, and
/// pressure limits implied by the whole-body maximum are left out (the maximum's line names its causes).
/// </summary>
public static class PlanRenderer
{
    /// <summary>One rendered line: the instruction and its reasons.</summary>
    public sealed record PlanLine(string Section, string Text, string Reason);

    /// <summary>The plan's lines in the order they are shown.</summary>
    public static IReadOnlyList<PlanLine> Lines(AdaptationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<PlanLine>();
        foreach (var hold in plan.OrderedHolds.DistinctBy(h => (h.Kind, h.Reason)))
        {
            lines.Add(new PlanLine("Hold", $"{HoldLabel(hold.Kind)}: {hold.Reason}", Reason(hold.Cause)));
        }

        var wholeBody = plan.Constraints
            .Where(c => c.Kind == ConstraintKind.Pressure && (c.Site is null || c.Site.Region == BodyRegion.WholeBody) && c.MaxPressure == plan.MaxPressure)
            .Select(c => c.Cause)
            .ToArray();
        lines.Add(new PlanLine("Pressure", $"Maximum pressure: {plan.MaxPressure} on the Walton 0–5 scale ({WaltonWords(plan.MaxPressure)})",
            wholeBody.Length == 0 ? "no whole-body limit from any finding" : Reasons(wholeBody)));

        // Pressure limits no stricter than the whole-body maximum are implied by it: left out to keep the plan short.
        var groups = plan.Constraints
            .Where(c => c.Kind != ConstraintKind.Pressure || c.MaxPressure < plan.MaxPressure)
            .GroupBy(c => (c.Kind, c.Text, c.Site))
            .OrderBy(g => g.Key.Kind)
            .ThenBy(g => g.First().MaxPressure ?? AdaptationPlan.Unlimited);
        foreach (var group in groups)
        {
            var where = group.Key.Site is { } site && !group.Key.Text.Contains(site.ToString(), StringComparison.Ordinal)
                && site.Region != BodyRegion.WholeBody && group.Key.Kind != ConstraintKind.Position
                ? $" ({site})"
                : string.Empty;
            lines.Add(new PlanLine(Section(group.Key.Kind), group.Key.Text + where, Reasons(group.Select(c => c.Cause))));
        }

        return lines;
    }

    /// <summary>Plain text, one line per instruction: "- text — reason".</summary>
    public static string ToPlainText(AdaptationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Adaptation plan ({ServiceWords(plan.Service)})").Append('\n');
        if (plan.NeedsMdInput)
        {
            text.Append("DO NOT SCHEDULE: needs MD input first.\n");
        }

        foreach (var line in Lines(plan))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {line.Text} — {line.Reason}").Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"Allowed positions: {string.Join(", ", plan.AllowedPositions.Select(p => p.Describe()))}").Append('\n');
        text.Append(plan.Basis).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The text for the MD (shown on the signed page the MD's link opens, never in an email body): the specific questions,
    /// then the proposed plan, so the MD answers about the plan rather than giving blanket permission (Walton).
    /// </summary>
    public static string ToMdQuestion(AdaptationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Before we schedule {ServiceWords(plan.Service)}, we need your answer to:").Append('\n');
        var number = 1;
        foreach (var question in plan.QuestionsForMd)
        {
            text.Append(CultureInfo.InvariantCulture, $"{number++}. {question}").Append('\n');
        }

        text.Append("\nThe plan we propose (pressure on the Walton 0–5 scale, 2 = heavier lotioning, muscle not worked):\n");
        foreach (var line in Lines(plan).Where(l => l.Section != "Hold"))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {line.Text}").Append('\n');
        }

        text.Append("\nPlease answer: agree with this plan, modify it (sites, pressure, conditions), or not advisable (reason).\n");
        return text.ToString();
    }

    private static string Reason(Cause cause) => $"{cause.Finding}, {cause.SourceLabel}";

    private static string Reasons(IEnumerable<Cause> causes) =>
        string.Join("; ", causes.Select(Reason).Distinct(StringComparer.Ordinal));

    private static string HoldLabel(HoldKind kind) => kind switch
    {
        HoldKind.Emergency => "Emergency",
        HoldKind.NotAdvisable => "Not advisable",
        HoldKind.SameDayReferral => "Refer today",
        HoldKind.Defer => "Postpone",
        _ => "Needs MD input",
    };

    private static string Section(ConstraintKind kind) => kind switch
    {
        ConstraintKind.AvoidSite => "Site",
        ConstraintKind.JointMovement => "Joints",
        ConstraintKind.StrokeDirection => "Strokes",
        ConstraintKind.SessionLength => "Session",
        _ => kind.ToString(),
    };

    private static string WaltonWords(int level) => level switch
    {
        0 => "still, weightless hold",
        1 => "light lotioning",
        2 => "heavier lotioning: skin moves, muscle not worked",
        3 => "moderate, standard Swedish",
        4 => "deep",
        _ => "very deep",
    };

    private static string ServiceWords(ServiceType service) =>
        service == ServiceType.EstheticianSkinCare ? "esthetician skin care" : "oncology massage";
}
