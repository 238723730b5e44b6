using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace OncologyMassage.Domain.Clinical;

/// <summary>Converts between <see cref="PrecautionCode"/> and its wire form (UPPER_SNAKE, as DOMAIN.md writes it).</summary>
public static class PrecautionCodes
{
    private static readonly FrozenDictionary<PrecautionCode, string> ToWire = Enum.GetValues<PrecautionCode>()
        .ToFrozenDictionary(c => c, c => c == PrecautionCode.ChemoWithin48H ? "CHEMO_WITHIN_48H" : Snake(c.ToString()));

    private static readonly FrozenDictionary<string, PrecautionCode> FromWire = ToWire
        .ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every code in its wire form, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<PrecautionCode>().Select(c => ToWire[c]).ToArray();

    public static string ToCode(this PrecautionCode code) => ToWire[code];

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
