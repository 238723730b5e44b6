using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

public static partial class PrecautionRules
{
    private static void Bone(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        var what = f.Code == PrecautionCode.BoneMets ? "bone metastases" : "osteoporosis";
        plan.Pressure(null, o.BoneMaxPressure, $"Pressure ≤{o.BoneMaxPressure} whole body ({what})", Default(f));
        if (f.Site is not null)
        {
            plan.Pressure(f.Site, o.BoneLesionMaxPressure, $"Light pressure (≤{o.BoneLesionMaxPressure}) over the lesion", Default(f));
        }

        plan.Add(ConstraintKind.JointMovement, "No passive joint movement or stretch near the lesions", Sourced(f), f.Site);
        var spineOrRibs = f.Has(FindingSigns.SpineOrRibLesion) || f.Site is null
            || f.Site.Region is BodyRegion.UpperBack or BodyRegion.LowerBack or BodyRegion.Chest;
        if (spineOrRibs)
        {
            plan.AvoidPosition(Position.Prone, "No prone over spine or rib lesions", Sourced(f));
        }

        if (f.Has(FindingSigns.NewBoneOrNightPain))
        {
            plan.Hold(HoldKind.NeedsMdInput, "New bone or night pain",
                $"The client reports new bone or night pain ({f.Site?.ToString() ?? "site not given"}). Has fracture risk been assessed, and is a light session (pressure ≤2, no joint movement) appropriate?",
                Sourced(f));
        }
    }

    private static void Neuropathy(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        var sites = f.Site is null ? [new BodySite(BodyRegion.Hand, BodySide.Both), new BodySite(BodyRegion.Foot, BodySide.Both)] : new[] { f.Site };
        foreach (var site in sites)
        {
            plan.Pressure(site, o.NeuropathyMaxPressure, $"Pressure ≤{o.NeuropathyMaxPressure} on the {site} (neuropathy)", Default(f));
        }

        plan.Add(ConstraintKind.Products, "No heat (sensation unreliable)", Sourced(f));
    }

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

    private static void Ostomy(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        plan.AvoidSite(f.Site ?? new BodySite(BodyRegion.Abdomen), "No contact on the stoma or pouch", Sourced(f));
        plan.AvoidSite(new BodySite(BodyRegion.Abdomen), "No abdominal work near the stoma", Sourced(f));
        plan.AvoidPosition(Position.Prone, "Supine or side-lying, not prone (ostomy)", Sourced(f));
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

    private static void Reconstruction(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var site = f.Site ?? new BodySite(BodyRegion.Chest);
        plan.Pressure(site, 2, "Pressure ≤2 over the reconstruction", Sourced(f));
        plan.AvoidSite(site, "Avoid the expander port and unhealed scars", Sourced(f));
        if (ctx.Options.ReconstructionProneNeedsSurgeon && !f.Has(FindingSigns.SurgeonAllowsProne))
        {
            plan.AvoidPosition(Position.Prone, "Prone only if the surgeon allows it", Default(f));
        }
    }

    private static void BrainMets(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        plan.Pressure(null, o.BrainMetsMaxPressure, $"Pressure ≤{o.BrainMetsMaxPressure} whole body (brain metastases)", Default(f));
        plan.Add(ConstraintKind.Technique, "Gentle head and neck work", Sourced(f), new BodySite(BodyRegion.HeadNeck));
        plan.Add(ConstraintKind.Products, "No strong scents", Sourced(f));
        if (f.HasAny(FindingSigns.Seizure | FindingSigns.NewNeurologicalChange))
        {
            plan.Hold(HoldKind.Emergency, "Seizure or new neurological change: emergency",
                "The client had a seizure or a new neurological change. Has it been assessed, and when may we offer a gentle session?",
                Sourced(f));
        }
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

    private static void CalfSignsHold(Finding f, PlanBuilder plan) =>
        plan.Hold(HoldKind.SameDayReferral, "Calf pain, swelling or warmth: stop and refer the same day",
            "The client has calf pain, swelling or warmth. Has a clot been ruled out, and when may we resume with pressure ≤2 on that limb?",
            Sourced(f));

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

    private static BodySite? Limb(BodySite? site) => site?.Region switch
    {
        null => new BodySite(BodyRegion.Leg, BodySide.Both),
        BodyRegion.Foot => site with { Region = BodyRegion.Leg },
        BodyRegion.Hand => site with { Region = BodyRegion.Arm },
        _ => site,
    };

    private static string SideWords(BodySide side) => side switch
    {
        BodySide.Left => "left side",
        BodySide.Right => "right side",
        _ => "at-risk side",
    };

    private static string DateWords(DateOnly? date) =>
        date is { } d ? Invariant($" (drawn {d:yyyy-MM-dd})") : string.Empty;
}
