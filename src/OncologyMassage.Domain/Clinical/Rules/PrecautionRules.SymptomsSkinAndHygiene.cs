using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>Symptoms, skin and hygiene: fatigue, nausea and scents, steroids, skin care, cachexia, chemotherapy within 48 hours, infection. Rows of docs/clinical.md, "Precautions → adaptations and holds".</summary>
public static partial class PrecautionRules
{
    private static void Fatigue(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        plan.Pressure(null, o.FatigueMaxPressure, $"Pressure ≤{o.FatigueMaxPressure} whole body (fatigue)", Default(f));
        plan.SessionLength(o.FatigueSessionMinutes, $"Session ≤{o.FatigueSessionMinutes} minutes", Sourced(f));
        plan.Add(ConstraintKind.Comfort, "Little repositioning", Sourced(f));
    }

    private static void NauseaOrScent(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        plan.Add(ConstraintKind.Products, "Fragrance-free products", Sourced(f));
        plan.Add(ConstraintKind.Products, "Aromatherapy only on request, after a smell test", Sourced(f));
        if (f.Code != PrecautionCode.Nausea)
        {
            return;
        }

        plan.AvoidPosition(Position.Prone, "No prone (nausea)", Sourced(f));
        plan.Add(ConstraintKind.Comfort, "Left side-lying may help", Sourced(f));
        if (f.HasAny(FindingSigns.Vomiting | FindingSigns.CannotKeepFluidsDown))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Vomiting or cannot keep fluids down",
                "The client reports vomiting or cannot keep fluids down. Has the care team assessed this, and when may we give a short, fragrance-free session?",
                Sourced(f));
        }
    }

    private static void Steroids(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        plan.Add(ConstraintKind.Technique, "Gentle glide, no shear", Sourced(f));
        if (f.Site is null)
        {
            plan.Add(ConstraintKind.Technique, $"Pressure ≤{o.SteroidSkinMaxPressure} on thin or bruised skin", Default(f));
        }
        else
        {
            plan.Pressure(f.Site, o.SteroidSkinMaxPressure, $"Pressure ≤{o.SteroidSkinMaxPressure} on thin or bruised skin", Default(f));
        }
    }

    private static void SkinCompromised(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        plan.AvoidSite(f.Site, "Avoid broken skin and any active radiation field", Sourced(f));
        plan.Add(ConstraintKind.Products, "Fragrance-free, barrier-supporting products", Sourced(f));
        plan.Add(ConstraintKind.Products, "No peels or actives during treatment", Sourced(f));
        if (f.HasAny(FindingSigns.Blisters | FindingSigns.OpenWound | FindingSigns.InfectedSkin))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Blisters, open or infected skin",
                $"The client has blisters, open or infected skin ({f.Site?.ToString() ?? "site not given"}). Has it been assessed, and may we give a session that avoids it entirely?",
                Sourced(f));
        }
    }

    /// <summary>ESC (esthetician skin care): skin-related findings also rule out peels and actives and call for barrier-supporting products.</summary>
    internal static void EstheticsSkin(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        if (ctx.Service != ServiceType.EstheticianSkinCare
            || f.Code is not (PrecautionCode.RadiationActive or PrecautionCode.RadiationPast or PrecautionCode.SkinCompromised
                or PrecautionCode.ChemoWithin48H or PrecautionCode.Steroids))
        {
            return;
        }

        plan.Add(ConstraintKind.Products, "No peels or actives during treatment", Sourced(f));
        plan.Add(ConstraintKind.Products, "Fragrance-free, barrier-supporting products", Sourced(f));
    }

    private static void Cachexia(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        plan.Pressure(null, o.CachexiaMaxPressure, $"Pressure ≤{o.CachexiaMaxPressure} whole body (cachexia)", Default(f));
        plan.Add(ConstraintKind.Comfort, "Pad bony prominences", Sourced(f));
        plan.SessionLength(o.ShorterSessionMinutes, $"Session ≤{o.ShorterSessionMinutes} minutes (shorter session)", Default(f));
        if (f.Has(FindingSigns.RapidWeightLoss))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Rapid weight loss",
                "The client reports rapid weight loss. Is a short, light session (pressure ≤2, padded) still appropriate?",
                Sourced(f));
        }
    }

    private static void ChemoWithin48H(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        if (!ctx.WithinDays(f.Date, 3))
        {
            return;
        }

        plan.Add(ConstraintKind.Hygiene, "Gloves for any contact with body fluids", Sourced(f));
        plan.Add(ConstraintKind.Hygiene, "Soiled linens bagged and washed apart", Sourced(f));
    }

    private static void Infection(Finding f, RuleContext ctx, PlanBuilder plan) =>
        plan.Hold(HoldKind.Defer, "Active infection: defer the session",
            "The client has an active infection. When has the care team said it is resolved, so that we may reschedule?",
            Sourced(f));
}
