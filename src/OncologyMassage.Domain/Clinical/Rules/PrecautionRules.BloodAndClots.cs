using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>Blood counts, fever and clots: bleeding risk, infection risk, anemia, a clot limb and anticoagulants. Rows of docs/clinical.md, "Precautions → adaptations and holds".</summary>
public static partial class PrecautionRules
{
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

    private static void CalfSignsHold(Finding f, PlanBuilder plan) =>
        plan.Hold(HoldKind.SameDayReferral, "Calf pain, swelling or warmth: stop and refer the same day",
            "The client has calf pain, swelling or warmth. Has a clot been ruled out, and when may we resume with pressure ≤2 on that limb?",
            Sourced(f));

    private static BodySite? Limb(BodySite? site) => site?.Region switch
    {
        null => new BodySite(BodyRegion.Leg, BodySide.Both),
        BodyRegion.Foot => site with { Region = BodyRegion.Leg },
        BodyRegion.Hand => site with { Region = BodyRegion.Arm },
        _ => site,
    };

    private static string DateWords(DateOnly? date) =>
        date is { } d ? Invariant($" (drawn {d:yyyy-MM-dd})") : string.Empty;
}
