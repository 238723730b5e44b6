using System.Diagnostics.CodeAnalysis;

namespace OncologyMassage.Domain.Referrals;

/// <summary>
/// Enum values on the wire: PascalCase (<c>OncologyMassage</c>) or kebab-case (<c>head-neck</c>, <c>car-t</c>), any letter case.
/// </summary>
public static class WireNames
{
    public static bool TryParse<TEnum>(string? text, [NotNullWhen(true)] out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (compact.Length == 0 || char.IsDigit(compact[0]) || !Enum.TryParse<TEnum>(compact, ignoreCase: true, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>The kebab-case spelling of an enum value (<c>HeadNeck</c> → <c>head-neck</c>).</summary>
    public static string ToKebab<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) && !char.IsUpper(name[i - 1])
            ? "-" + char.ToLowerInvariant(ch)
            : char.ToLowerInvariant(ch).ToString()));
    }

    public static string Choices<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(ToKebab));
}
