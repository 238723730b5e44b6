using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>Devices, surgery, ostomy and reconstruction: what is avoided on and around a site the body is healing or carrying. Rows of docs/clinical.md, "Precautions → adaptations and holds".</summary>
public static partial class PrecautionRules
{
    private static void Device(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var name = f.Code switch
        {
            PrecautionCode.Port => "port",
            PrecautionCode.Picc => "PICC line",
            _ => "central line",
        };
        var site = f.Site ?? (f.Code == PrecautionCode.Picc ? new BodySite(BodyRegion.Arm) : new BodySite(BodyRegion.Chest));
        plan.AvoidSite(site, $"No contact on the {name} or its dressing", Sourced(f));
        plan.Pressure(site, ctx.Options.DeviceSurroundMaxPressure, $"Pressure ≤{ctx.Options.DeviceSurroundMaxPressure} around the {name}", Default(f));
        foreach (var position in Positions.LyingOn(site))
        {
            plan.AvoidPosition(position, $"No {position.Describe()} over the {name}", Sourced(f));
        }

        if (f.HasAny(DeviceWarning))
        {
            plan.Hold(HoldKind.NeedsMdInput, $"Redness, swelling, pain or discharge at the {name} site",
                $"The client reports redness, swelling, pain or discharge at the {name} site ({site}). Has the site been assessed, and may we give the planned light session away from it?",
                Sourced(f));
        }
    }

    private static void SurgicalSite(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var what = f.Code == PrecautionCode.Drain ? "drain and its tubing" : "incision";
        plan.AvoidSite(f.Site, $"Avoid the {what}", Sourced(f));
        var weeks = ctx.Options.SurgicalRecoveryWeeks;
        if (ctx.WithinDays(f.Date, weeks * 7))
        {
            plan.Pressure(f.Site ?? BodySite.WholeBody, 2, $"Pressure ≤2 over the surgical region for {weeks} weeks after surgery", Sourced(f));
        }
        else if (!f.Has(FindingSigns.Healed))
        {
            plan.Pressure(f.Site ?? BodySite.WholeBody, 2, "Pressure ≤2 over the surgical region until it has healed", Sourced(f));
        }

        plan.AvoidPosition(Position.Prone, "Side-lying or supine, not prone, after surgery", Sourced(f));
        if (f.HasAny(FindingSigns.OpenWound | FindingSigns.DrainingWound))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Open or draining wound",
                $"The client has an open or draining wound at the {what} ({f.Site?.ToString() ?? "site not given"}). Is it safe to give a light session (pressure ≤2) away from the wound, and when?",
                Sourced(f));
        }
    }

    private static void RecentSurgery(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        if (!ctx.WithinDays(f.Date, ctx.Options.SurgicalRecoveryWeeks * 7))
        {
            return;
        }

        plan.Add(ConstraintKind.Technique, "The surgeon's restrictions apply" + (f.Detail is { Length: > 0 } d ? $": {d}" : string.Empty), Sourced(f));
        plan.AvoidSite(f.Site, "Work away from the surgical area", Sourced(f));
        if (f.HasAny(FindingSigns.CalfSigns))
        {
            CalfSignsHold(f, plan);
        }
    }

    private static void Ostomy(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        plan.AvoidSite(f.Site ?? new BodySite(BodyRegion.Abdomen), "No contact on the stoma or pouch", Sourced(f));
        plan.AvoidSite(new BodySite(BodyRegion.Abdomen), "No abdominal work near the stoma", Sourced(f));
        plan.AvoidPosition(Position.Prone, "Supine or side-lying, not prone (ostomy)", Sourced(f));
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
}
