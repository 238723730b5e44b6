using System.Globalization;
using System.Resources;

namespace OncologyMassage.Domain.Languages;

/// <summary>
/// The language a client is written to in: the referral's preferred language (BCP 47) when its translations exist
/// (ClientMessages.&lt;language&gt;.resx), else the nearest parent that has them ("es-MX" reads the Spanish files and keeps
/// Mexican date formats), else English. Never the language of a browser or a phone: that is the client's choice on the referral.
/// A language is added by adding its resource files; nothing here lists languages (docs/languages.md).
/// </summary>
public static class ClientLanguages
{
    /// <summary>The language of the neutral resource files, and of every client whose language has no translation.</summary>
    public static CultureInfo Default { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The culture to write to a client in, from the referral's language tag (null, blank or unknown: English).</summary>
    public static CultureInfo Resolve(string? languageTag)
    {
        if (string.IsNullOrWhiteSpace(languageTag))
        {
            return Default;
        }

        CultureInfo requested;
        try
        {
            requested = CultureInfo.GetCultureInfo(languageTag.Trim());
        }
        catch (CultureNotFoundException)
        {
            return Default;
        }

        for (var culture = requested; !Equals(culture, CultureInfo.InvariantCulture); culture = culture.Parent)
        {
            if (IsTranslated(culture))
            {
                return requested;
            }
        }

        return Default;
    }

    /// <summary>True when the client messages exist in <paramref name="culture"/> itself (not through a fallback).</summary>
    public static bool IsTranslated(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.Name == Default.Name || Has(typeof(ClientText).Assembly, ClientText.Resources, culture);
    }

    /// <summary>
    /// True when <paramref name="resources"/> (whose resources are embedded in <paramref name="assembly"/>) has a resource
    /// set of its own for <paramref name="culture"/>: a satellite assembly of exactly that culture carrying them. (Asking
    /// the ResourceManager is not reliable: once a text was read for "es-MX", it caches the "es" set it fell back to under
    /// "es-MX" too.)
    /// </summary>
    public static bool Has(System.Reflection.Assembly assembly, ResourceManager resources, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(culture);
        try
        {
            return assembly.GetSatelliteAssembly(culture).GetManifestResourceNames()
                .Contains($"{resources.BaseName}.{culture.Name}.resources", StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The languages with translations beside the running assembly: English, plus every satellite folder holding this
    /// assembly's resources (how .NET ships a .resx per language). For tests and documentation; <see cref="Resolve"/> asks
    /// the resources directly.
    /// </summary>
    public static IReadOnlyList<CultureInfo> Available()
    {
        var assembly = typeof(ClientLanguages).Assembly;
        var directory = Path.GetDirectoryName(assembly.Location);
        var satellite = assembly.GetName().Name + ".resources.dll";
        var found = new List<CultureInfo> { Default };
        if (string.IsNullOrEmpty(directory))
        {
            return found;
        }

        foreach (var folder in Directory.EnumerateDirectories(directory).Where(d => File.Exists(Path.Combine(d, satellite))).Order(StringComparer.Ordinal))
        {
            try
            {
                found.Add(CultureInfo.GetCultureInfo(Path.GetFileName(folder)));
            }
            catch (CultureNotFoundException)
            {
                // not a culture folder
            }
        }

        return found;
    }
}
