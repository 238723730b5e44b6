using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace OncologyMassage.Domain.Clinical;

/// <summary>Converts between <see cref="PrecautionCode"/> and its wire form (UPPER_SNAKE, as docs/clinical.md writes it).</summary>
public static class PrecautionCodes
{
    private static readonly FrozenDictionary<PrecautionCode, string> ToWire = Enum.GetValues<PrecautionCode>()
        .ToFrozenDictionary(c => c, c => c == PrecautionCode.ChemoWithin48H ? "CHEMO_WITHIN_48H" : Snake(c.ToString()));

    private static readonly FrozenDictionary<string, PrecautionCode> FromWire = ToWire
        .ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every code in its wire form, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<PrecautionCode>().Select(c => ToWire[c]).ToArray();

    public static string ToCode(this PrecautionCode code) => ToWire[code];

    /// <summary>Plain words for forms and plans ("Lymph nodes removed" for NODES_REMOVED).</summary>
    public static string Describe(this PrecautionCode code) => code switch
    {
        PrecautionCode.Port => "Implanted port",
        PrecautionCode.Picc => "PICC line",
        PrecautionCode.CentralLine => "Central line",
        PrecautionCode.SurgicalSite => "Surgical site",
        PrecautionCode.Drain => "Surgical drain",
        PrecautionCode.RecentSurgery => "Surgery in the last 6 weeks",
        PrecautionCode.RadiationActive => "Radiation in progress",
        PrecautionCode.RadiationPast => "Past radiation",
        PrecautionCode.NodesRemoved => "Lymph nodes removed",
        PrecautionCode.NodesRadiated => "Lymph nodes radiated",
        PrecautionCode.Lymphedema => "Lymphedema",
        PrecautionCode.LowPlatelets => "Low platelets",
        PrecautionCode.Neutropenia => "Neutropenia",
        PrecautionCode.Fever => "Fever",
        PrecautionCode.Anemia => "Anemia",
        PrecautionCode.DvtHistory => "History of blood clot (DVT)",
        PrecautionCode.Anticoagulant => "Anticoagulant",
        PrecautionCode.BoneMets => "Bone metastases",
        PrecautionCode.Osteoporosis => "Osteoporosis",
        PrecautionCode.Neuropathy => "Neuropathy",
        PrecautionCode.Fatigue => "Fatigue",
        PrecautionCode.Nausea => "Nausea",
        PrecautionCode.ScentSensitive => "Scent sensitivity",
        PrecautionCode.Steroids => "Steroids",
        PrecautionCode.Ostomy => "Ostomy",
        PrecautionCode.ChemoWithin48H => "Chemotherapy in the last 48 hours",
        PrecautionCode.Infection => "Active infection",
        PrecautionCode.SkinCompromised => "Compromised skin",
        PrecautionCode.Reconstruction => "Reconstruction (implant, expander, flap)",
        PrecautionCode.BrainMets => "Brain metastases",
        PrecautionCode.Cachexia => "Cachexia (weight loss)",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown precaution code."),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out PrecautionCode? code)
    {
        if (text is not null && FromWire.TryGetValue(text.Trim(), out var found))
        {
            code = found;
            return true;
        }

        code = null;
        return false;
    }

    private static string Snake(string pascal) => string.Concat(pascal.Select((ch, i) =>
        i > 0 && char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));
}
