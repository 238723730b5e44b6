using System.Collections.Frozen;
using static OncologyMassage.Domain.Clinical.RuleContext;
using static System.FormattableString;

namespace OncologyMassage.Domain.Clinical.Rules;

/// <summary>
/// docs/clinical.md's "Precautions → adaptations and holds" table as data: one rule per row, in the table's order. Each rule only adds
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
}
