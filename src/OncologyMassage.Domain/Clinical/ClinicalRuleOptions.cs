using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Thresholds docs/clinical.md marks in italics as clinic defaults: common teaching no source fixed to a number. A clinic's lead therapist may
/// change them; constraints built from them are shown as "default rule". Sourced values (e.g. fever 38.0 °C, platelets
/// 50,000) are here too so every number lives in one place, but they keep the "sourced rule" label.
/// </summary>
public sealed class ClinicalRuleOptions : IValidatableObject
{
    public const string SectionName = "ClinicalRules";

    /// <summary>(default) Walton pressure around a port, PICC or central line.</summary>
    [Range(0, 5)] public int DeviceSurroundMaxPressure { get; set; } = 2;

    /// <summary>Sourced: pressure ≤2 over a surgical region for this many weeks.</summary>
    [Range(0, 52)] public int SurgicalRecoveryWeeks { get; set; } = 6;

    /// <summary>(default) A past radiation field is touched only when fully healed and at least this many weeks after the end.</summary>
    [Range(0, 104)] public int RadiationHealedWeeks { get; set; } = 6;

    /// <summary>Sourced (OncoLink, MD Anderson): below this platelet count, pressure ≤2 whole body and no friction or percussion.</summary>
    [Range(0, 500_000)] public int PlateletsLimitBelow { get; set; } = 50_000;

    /// <summary>(default) Below this platelet count, hold and ask the MD.</summary>
    [Range(0, 500_000)] public int PlateletsHoldBelow { get; set; } = 20_000;

    /// <summary>Sourced (Roswell Park): temperature at or above this during chemotherapy postpones the session.</summary>
    [Range(35.0, 42.0)] public double FeverHoldCelsius { get; set; } = 38.0;

    /// <summary>(default) Whole-body pressure with anemia.</summary>
    [Range(0, 5)] public int AnemiaMaxPressure { get; set; } = 3;

    /// <summary>(default) Whole-body pressure with an anticoagulant.</summary>
    [Range(0, 5)] public int AnticoagulantMaxPressure { get; set; } = 2;

    /// <summary>(default) Whole-body pressure with bone metastases or osteoporosis.</summary>
    [Range(0, 5)] public int BoneMaxPressure { get; set; } = 2;

    /// <summary>(default) Pressure over bone lesions ("light"): Walton 1, light lotioning.</summary>
    [Range(0, 5)] public int BoneLesionMaxPressure { get; set; } = 1;

    /// <summary>(default) Pressure on hands and feet with neuropathy.</summary>
    [Range(0, 5)] public int NeuropathyMaxPressure { get; set; } = 2;

    /// <summary>(default) Whole-body pressure with fatigue.</summary>
    [Range(0, 5)] public int FatigueMaxPressure { get; set; } = 3;

    /// <summary>Sourced: session length cap with fatigue, in minutes.</summary>
    [Range(10, 180)] public int FatigueSessionMinutes { get; set; } = 45;

    /// <summary>(default) "Shorter session" for anemia and cachexia, in minutes (no source gives a number; the fatigue cap is reused).</summary>
    [Range(10, 180)] public int ShorterSessionMinutes { get; set; } = 45;

    /// <summary>(default) Pressure on thin or bruised skin with steroids.</summary>
    [Range(0, 5)] public int SteroidSkinMaxPressure { get; set; } = 2;

    /// <summary>(default) Prone only if the surgeon allows it after reconstruction.</summary>
    public bool ReconstructionProneNeedsSurgeon { get; set; } = true;

    /// <summary>(default) Whole-body pressure with brain metastases.</summary>
    [Range(0, 5)] public int BrainMetsMaxPressure { get; set; } = 3;

    /// <summary>(default) Whole-body pressure with cachexia.</summary>
    [Range(0, 5)] public int CachexiaMaxPressure { get; set; } = 2;

    /// <summary>Sourced (Walton): pressure ≤2 on a clot limb for at least this many months after treatment.</summary>
    [Range(0, 60)] public int DvtLimbMonths { get; set; } = 6;

    /// <summary>
    /// Clinic default (docs/clinical.md, intake thresholds), no published source: an intake 0–10 fatigue or nausea score at or above this becomes a FATIGUE or
    /// NAUSEA finding. Lower it to make more plans adapt.
    /// </summary>
    [Range(0, 10)] public int IntakeSymptomScoreFindingFrom { get; set; } = 4;

    /// <summary>Clinic default (docs/clinical.md, intake thresholds), no published source: an intake ANC below this (per mm³) becomes a NEUTROPENIA finding.</summary>
    [Range(0, 100_000)] public int IntakeNeutropeniaAncBelow { get; set; } = 1_500;

    /// <summary>Clinic default (docs/clinical.md, intake thresholds), no published source: an intake haemoglobin below this (g/dL) becomes an ANEMIA finding.</summary>
    [Range(0.0, 25.0)] public double IntakeAnemiaHaemoglobinBelow { get; set; } = 10.0;

    /// <summary>Cross-field checks for <c>ValidateDataAnnotations</c>: the hold threshold must sit at or below the limit threshold.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PlateletsHoldBelow > PlateletsLimitBelow)
        {
            yield return new ValidationResult(
                $"{nameof(PlateletsHoldBelow)} must not exceed {nameof(PlateletsLimitBelow)}.",
                [nameof(PlateletsHoldBelow), nameof(PlateletsLimitBelow)]);
        }
    }
}
