using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>Bones, nerves and the brain: lesions and fracture risk, neuropathy, brain metastases. Rows of docs/clinical.md, "Precautions → adaptations and holds".</summary>
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
}
