using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>Radiation fields and the lymphatic system: skin in the field, and the lifelong limits of a quadrant whose nodes were removed or radiated. Rows of docs/clinical.md, "Precautions → adaptations and holds".</summary>
public static partial class PrecautionRules
{
    private static void RadiationActive(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var field = f.Site;
        plan.AvoidSite(field, "No contact, lotion, heat or cold in the radiation field", Sourced(f));
        foreach (var position in Positions.LyingOn(field))
        {
            plan.AvoidPosition(position, $"Not lying on the radiation field ({position.Describe()})", Sourced(f));
        }

        plan.Add(ConstraintKind.Products, "Unscented products elsewhere", Sourced(f));
        if (f.HasAny(FindingSigns.Blisters | FindingSigns.WetOrPeelingSkin))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Blisters, wet or peeling skin in the radiation field",
                $"The client has blisters, wet or peeling skin in the radiation field ({field?.ToString() ?? "field not given"}). May we give a light session that avoids the field entirely, or should we wait?",
                Sourced(f));
        }
    }

    private static void RadiationPast(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var weeks = ctx.Options.RadiationHealedWeeks;
        var healed = f.Has(FindingSigns.Healed) && !ctx.WithinDays(f.Date, weeks * 7);
        if (healed)
        {
            plan.Pressure(f.Site ?? BodySite.WholeBody, 2, "Pressure ≤2 in the past radiation field", Sourced(f));
        }
        else
        {
            plan.AvoidSite(f.Site, $"No contact in the past radiation field until fully healed and {weeks} weeks after treatment", Default(f));
        }

        plan.Add(ConstraintKind.Technique, f.Has(FindingSigns.ClearedForDirectWork)
            ? "Direct work in the radiation field cleared by the radiation oncologist, within the limits above"
            : "No direct work in the radiation field without the radiation oncologist's clearance", Sourced(f), f.Site);
    }

    private static void Nodes(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var quadrant = AtRiskQuadrant(f.Site);
        plan.Pressure(quadrant, 2, "Pressure ≤2 in the at-risk quadrant, front and back, lifelong (lymphedema risk)", Sourced(f));
        plan.Add(ConstraintKind.StrokeDirection, "Strokes toward the trunk in the at-risk quadrant", Sourced(f), quadrant);
        plan.Add(ConstraintKind.Products, "No heat on the at-risk quadrant", Sourced(f), quadrant);
        plan.Add(ConstraintKind.Technique, "No compression of the at-risk limb", Sourced(f), quadrant);
        plan.Add(ConstraintKind.Technique, $"No blood pressure cuff on the {SideWords(quadrant.Side)}", Sourced(f), quadrant);
        if (f.HasAny(FindingSigns.NewSwelling | FindingSigns.Swelling))
        {
            plan.Hold(HoldKind.NeedsMdInput, "New swelling in the lymphedema-risk quadrant",
                $"The client reports new swelling in the {quadrant} after lymph node treatment. Has lymphedema been assessed, and may we give a session that skips this quadrant?",
                Sourced(f));
        }
    }

    private static void Lymphedema(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var quadrant = AtRiskQuadrant(f.Site);
        plan.Pressure(quadrant, 1, "Limb and quadrant: pressure ≤1 or skipped, unless a certified lymphedema therapist directs", Sourced(f));
        if (f.Has(FindingSigns.CertifiedLymphedemaTherapistDirects))
        {
            plan.Add(ConstraintKind.Technique, "Follow the certified lymphedema therapist's written directions for the limb", Sourced(f), quadrant);
        }

        plan.Add(ConstraintKind.Comfort, "Elevate the affected limb", Sourced(f), f.Site ?? quadrant);
        plan.Add(ConstraintKind.Products, "No heat on the affected limb and quadrant", Sourced(f), quadrant);
        if (f.HasAny(FindingSigns.SuddenIncrease | FindingSigns.Redness | FindingSigns.Warmth))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Sudden increase, redness or warmth of the lymphedema limb",
                $"The client's lymphedema ({quadrant}) shows a sudden increase, redness or warmth. Has infection or a clot been ruled out, and may we give a session that skips this quadrant?",
                Sourced(f));
        }
    }

    private static BodySite AtRiskQuadrant(BodySite? site)
    {
        if (site is null)
        {
            return new BodySite(BodyRegion.UpperQuadrant, BodySide.Both);
        }

        return site.Region switch
        {
            BodyRegion.UpperQuadrant or BodyRegion.LowerQuadrant => site,
            BodyRegion.Leg or BodyRegion.Foot or BodyRegion.Abdomen or BodyRegion.LowerBack => site with { Region = BodyRegion.LowerQuadrant },
            _ => site with { Region = BodyRegion.UpperQuadrant },
        };
    }

    private static string SideWords(BodySide side) => side switch
    {
        BodySide.Left => "left side",
        BodySide.Right => "right side",
        _ => "at-risk side",
    };
}
