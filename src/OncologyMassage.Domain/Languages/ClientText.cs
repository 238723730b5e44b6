using System.Globalization;
using System.Resources;

namespace OncologyMassage.Domain.Languages;

/// <summary>
/// Reads the client-facing texts from ClientMessages.resx and its translations (ClientMessages.es.resx, ...). A key missing
/// from a translation falls back to English; a key missing everywhere throws, so a template never sends an empty text.
/// </summary>
public static class ClientText
{
    /// <summary>The client messages in every language.</summary>
    public static ResourceManager Resources { get; } = new("OncologyMassage.Domain.Languages.ClientMessages", typeof(ClientText).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>.</summary>
    public static string Get(CultureInfo culture, string key) =>
        Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"No client message '{key}'.");

    /// <summary>The text of <paramref name="key"/> with its placeholders filled in, numbers and dates written the culture's way.</summary>
    public static string Format(CultureInfo culture, string key, params object?[] arguments) =>
        string.Format(culture, Get(culture, key), arguments);

    /// <summary>A ';'-separated list entry (the keyword lists) of exactly <paramref name="culture"/>, without fallback.</summary>
    public static IReadOnlyList<string> ListOf(CultureInfo culture, string key)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return (set?.GetString(key) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
