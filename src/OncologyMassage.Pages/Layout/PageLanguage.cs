using System.Globalization;
using System.Resources;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Pages.Layout;

/// <summary>
/// The language a client's page is written in, for the current request: set by the HTTP function from the referral's
/// preferred language (<see cref="ClientLanguages.Resolve"/>) as soon as the link names a known referral; before that
/// (a damaged or unknown link, too many attempts) from the browser's Accept-Language among the languages with files
/// (<see cref="UseFirstOffered"/>); English for staff and oncologist pages. Deliberately not the thread's culture: a
/// server's locale never picks it, and a browser's preference never overrides the referral's.
/// </summary>
public static class PageLanguage
{
    private static readonly AsyncLocal<CultureInfo?> Chosen = new();

    /// <summary>The culture of the page being built (English unless <see cref="Use"/> chose another).</summary>
    public static CultureInfo Current => Chosen.Value ?? ClientLanguages.Default;

    /// <summary>Writes the rest of this request's page in the client's language (a BCP 47 tag; unknown or untranslated: English).</summary>
    public static CultureInfo Use(string? languageTag) => Chosen.Value = ClientLanguages.Resolve(languageTag);

    /// <summary>
    /// For a page shown before any referral is known (a damaged or unknown link, too many attempts): the first of the
    /// browser's languages, in its order of preference, that the client pages exist in (English, or a language with its
    /// files: <see cref="ClientLanguages.Resolve"/>); English when none is. A referral's language, once known, wins over this.
    /// </summary>
    /// <param name="tags">The Accept-Language tags, most preferred first ("*" and unparseable tags are passed over).</param>
    public static CultureInfo UseFirstOffered(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags)
        {
            if (Offered(tag) is { } culture)
            {
                return Chosen.Value = culture;
            }
        }

        return Chosen.Value = ClientLanguages.Default;
    }

    /// <summary>The culture <paramref name="tag"/> reads in when its language has client pages; null when it has none.</summary>
    internal static CultureInfo? Offered(string tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Trim() == "*")
        {
            return null;
        }

        var resolved = ClientLanguages.Resolve(tag);
        if (!Equals(resolved, ClientLanguages.Default))
        {
            return resolved;
        }

        try
        {
            // Resolve answers English for English and for a language without files alike: only the first is offered.
            return CultureInfo.GetCultureInfo(tag.Trim()).TwoLetterISOLanguageName == ClientLanguages.Default.TwoLetterISOLanguageName ? resolved : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

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

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (e.g. English for an API caller's problem details).</summary>
    public static string GetIn(CultureInfo culture, string key) =>
        Resources.GetString(key, culture) ?? throw new MissingManifestResourceException($"No page text '{key}'.");

    /// <summary>The text of <paramref name="key"/> with its placeholders filled in, or null when no language has that key.</summary>
    public static string? TryFormat(string? key, params object?[] arguments) =>
        string.IsNullOrEmpty(key) || Resources.GetString(key, PageLanguage.Current) is not { } text ? null : string.Format(PageLanguage.Current, text, arguments);
}
