using System.Globalization;
using System.Resources;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Pages.Layout;

/// <summary>
/// The language a client's page is written in, for the current request: set by the HTTP function from the referral's
/// preferred language (<see cref="ClientLanguages.Resolve"/>) once the link is checked; English until then and for
/// staff pages. Deliberately not the thread's culture: a server's locale or a browser's Accept-Language never picks it.
/// </summary>
public static class PageLanguage
{
    private static readonly AsyncLocal<CultureInfo?> Chosen = new();

    /// <summary>The culture of the page being built (English unless <see cref="Use"/> chose another).</summary>
    public static CultureInfo Current => Chosen.Value ?? ClientLanguages.Default;

    /// <summary>Writes the rest of this request's page in the client's language (a BCP 47 tag; unknown or untranslated: English).</summary>
    public static CultureInfo Use(string? languageTag) => Chosen.Value = ClientLanguages.Resolve(languageTag);

    /// <summary>Writes in <paramref name="culture"/> (the renderer carries the caller's choice onto its dispatcher).</summary>
    internal static void Set(CultureInfo culture) => Chosen.Value = culture;
}

/// <summary>Reads the client pages' words from Languages/ClientPages.resx and its translations, in <see cref="PageLanguage.Current"/>.</summary>
public static class PageText
{
    public static ResourceManager Resources { get; } = new("OncologyMassage.Pages.Languages.ClientPages", typeof(PageText).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, PageLanguage.Current) ?? throw new MissingManifestResourceException($"No page text '{key}'.");

    public static string Format(string key, params object?[] arguments) =>
        string.Format(PageLanguage.Current, Get(key), arguments);
}
