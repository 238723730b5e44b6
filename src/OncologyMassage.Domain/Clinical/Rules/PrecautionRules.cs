using System.Collections.Frozen;
using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>
/// DOMAIN.md's "Precautions → adaptations" table as data: one rule per row, in the table's order. Each rule only adds
/// constraints and holds, so a plan over more findings is never looser (combining happens in <see cref="AdaptationPlan"/>).
/// </summary>
public static partial class PrecautionRules
{
    private const FindingSigns DeviceWarning = FindingSigns.Redness | FindingSigns.Swelling | FindingSigns.Pain | FindingSigns.Discharge;
    private const FindingSigns CalfWarning = FindingSigns.CalfSigns | FindingSigns.Swelling | FindingSigns.Warmth | FindingSigns.Pain | FindingSigns.Redness;

    /// <summary>The table, one entry per row.</summary>
    public static IReadOnlyList<PrecautionRule> All { get; } =
    [
        new([PrecautionCode.Port, PrecautionCode.Picc, PrecautionCode.CentralLine], Device),
        new([PrecautionCode.SurgicalSite, PrecautionCode.Drain], SurgicalSite),
        new([PrecautionCode.RecentSurgery], RecentSurgery),
        new([PrecautionCode.RadiationActive], RadiationActive),
        new([PrecautionCode.RadiationPast], RadiationPast),
        new([PrecautionCode.NodesRemoved, PrecautionCode.NodesRadiated], Nodes),
        new([PrecautionCode.Lymphedema], Lymphedema),
        new([PrecautionCode.LowPlatelets], LowPlatelets),
        new([PrecautionCode.Neutropenia], Neutropenia),
        new([PrecautionCode.Fever], Fever),
        new([PrecautionCode.Anemia], Anemia),
        new([PrecautionCode.DvtHistory], DvtHistory),
        new([PrecautionCode.Anticoagulant], Anticoagulant),
        new([PrecautionCode.BoneMets, PrecautionCode.Osteoporosis], Bone),
        new([PrecautionCode.Neuropathy], Neuropathy),
        new([PrecautionCode.Fatigue], Fatigue),
        new([PrecautionCode.Nausea, PrecautionCode.ScentSensitive], NauseaOrScent),
        new([PrecautionCode.Steroids], Steroids),
        new([PrecautionCode.Ostomy], Ostomy),
        new([PrecautionCode.ChemoWithin48H], ChemoWithin48H),
        new([PrecautionCode.Infection], Infection),
        new([PrecautionCode.SkinCompromised], SkinCompromised),
        new([PrecautionCode.Reconstruction], Reconstruction),
        new([PrecautionCode.BrainMets], BrainMets),
        new([PrecautionCode.Cachexia], Cachexia),
    ];

    private static readonly FrozenDictionary<PrecautionCode, PrecautionRule> ByCode =
        All.SelectMany(r => r.Codes.Select(c => (c, r))).ToFrozenDictionary(p => p.c, p => p.r);

    /// <summary>The rule for a code.</summary>
    public static PrecautionRule For(PrecautionCode code) => ByCode[code];

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

    private static void LowPlatelets(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        var count = f.Value;
        if (count is null || count < o.PlateletsLimitBelow)
        {
            plan.Pressure(null, 2, Invariant($"Pressure ≤2 whole body (platelets below {o.PlateletsLimitBelow:N0}/mm³: bleeding risk)"), Sourced(f));
            plan.Add(ConstraintKind.Technique, "No friction or percussion", Sourced(f));
            plan.Add(ConstraintKind.AvoidSite, "Avoid bruised areas", Sourced(f));
        }

        if (count is null)
        {
            plan.Hold(HoldKind.NeedsMdInput, "Low platelets without a recent count",
                "What is the client's latest platelet count and its date? We plan pressure ≤2 whole body with no friction or percussion while it is below 50,000/mm³.",
                Sourced(f));
        }
        else if (count < o.PlateletsHoldBelow)
        {
            plan.Hold(HoldKind.NeedsMdInput, Invariant($"Platelets {count:N0}/mm³, below the hold threshold of {o.PlateletsHoldBelow:N0}"),
                Invariant($"The client's platelets are {count:N0}/mm³{DateWords(f.Date)}. Is a still, light-touch session (pressure ≤1, no friction) appropriate, or should we wait for recovery above {o.PlateletsHoldBelow:N0}?"),
                Default(f));
        }
    }

    private static void Neutropenia(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        plan.Add(ConstraintKind.Hygiene, "Strict hand hygiene", Sourced(f));
        plan.Add(ConstraintKind.Hygiene, "Clean linens", Sourced(f));
        plan.Add(ConstraintKind.Hygiene, "Therapist free of any illness", Sourced(f));
        var fever = ctx.Findings.FirstOrDefault(x => x.Code == PrecautionCode.Fever);
        if (fever is not null)
        {
            plan.Hold(HoldKind.Defer, "Fever with neutropenia: postpone and tell the care team",
                "The client has neutropenia and reports a fever. Has the care team assessed the fever, and when may we reschedule?",
                Sourced(f));
        }
    }

    private static void Fever(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var threshold = ctx.Options.FeverHoldCelsius;
        if (f.Value is { } t && t < threshold)
        {
            return;
        }

        var temperature = f.Value is { } v ? Invariant($"{v:0.0} °C") : "a fever";
        plan.Hold(HoldKind.Defer, Invariant($"Temperature {temperature} (≥ {threshold:0.0} °C / 100.4 °F): postpone and tell the care team"),
            $"The client reported {temperature}. Has the care team assessed it, and when may we reschedule the session?",
            Sourced(f));
    }

    private static void Anemia(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        plan.Pressure(null, o.AnemiaMaxPressure, $"Pressure ≤{o.AnemiaMaxPressure} whole body (anemia)", Default(f));
        plan.Add(ConstraintKind.Comfort, "Head raised if breathless", Sourced(f));
        plan.Add(ConstraintKind.Comfort, "Slow position changes", Sourced(f));
        plan.SessionLength(o.ShorterSessionMinutes, $"Session ≤{o.ShorterSessionMinutes} minutes (shorter session)", Default(f));
        if (f.HasAny(FindingSigns.Fainting | FindingSigns.ChestPain))
        {
            plan.Hold(HoldKind.NeedsMdInput, "Fainting or chest pain with anemia",
                "The client reports fainting or chest pain with anemia. Has this been assessed, and is a short, light session (pressure ≤2, slow position changes) appropriate?",
                Sourced(f));
        }
    }

    private static void DvtHistory(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        plan.AvoidSite(f.Site, "Never work the clot site", Sourced(f));
        var months = ctx.Options.DvtLimbMonths;
        if (ctx.WithinMonths(f.Date, months))
        {
            plan.Pressure(Limb(f.Site), 2, $"Pressure ≤2 on the clot limb for at least {months} months after treatment", Sourced(f));
        }

        if (f.HasAny(CalfWarning))
        {
            CalfSignsHold(f, plan);
        }
    }

    private static void Anticoagulant(Finding f, RuleContext ctx, PlanBuilder plan)
    {
        var o = ctx.Options;
        plan.Pressure(null, o.AnticoagulantMaxPressure, $"Pressure ≤{o.AnticoagulantMaxPressure} whole body (anticoagulant: bruising risk)", Default(f));
        if (f.Has(FindingSigns.NewBruising))
        {
            plan.Hold(HoldKind.NeedsMdInput, "New bruising on an anticoagulant",
                "The client reports new bruising while on an anticoagulant. Have the dose and labs been checked, and is a light session (pressure ≤1) appropriate?",
                Sourced(f));
        }
    }
}
