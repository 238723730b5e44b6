using System.Diagnostics.CodeAnalysis;

namespace OncologyMassage.Domain.Referrals;

/// <summary>
/// Enum values on the wire: PascalCase (<c>OncologyMassage</c>) or kebab-case (<c>preferred-contact</c>), any letter case.
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
}
