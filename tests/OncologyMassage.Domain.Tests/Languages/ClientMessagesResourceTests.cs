using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using OncologyMassage.Domain.Languages;

namespace OncologyMassage.Domain.Tests.Languages;

/// <summary>
/// The translations are complete: every key of the English ClientMessages.resx has a value in every other language's own file
/// (no silent fallback to English), with the same placeholders. A new language's file is checked without touching this test.
/// </summary>
public sealed partial class ClientMessagesResourceTests
{
    public static TheoryData<string> Translations() => new(ClientLanguages.Available().Where(c => c.Name != ClientLanguages.Default.Name).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_EveryEnglishKey_IsPresent(string language)
    {
        var english = Entries(ClientText.Resources, ClientLanguages.Default);
        var translated = Entries(ClientText.Resources, CultureInfo.GetCultureInfo(language));

        Assert.Empty(english.Keys.Where(k => !translated.ContainsKey(k) || (english[k].Length > 0 && translated[k].Length == 0)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_EveryEntry_HasTheEnglishPlaceholders(string language)
    {
        var english = Entries(ClientText.Resources, ClientLanguages.Default);
        var translated = Entries(ClientText.Resources, CultureInfo.GetCultureInfo(language));

        Assert.Empty(english.Keys.Where(k => translated.TryGetValue(k, out var t) && !Placeholders(english[k]).SequenceEqual(Placeholders(t))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Entries_SpanishFileWithoutOneKey_IsNoticed()
    {
        // The check above must bite: a translation set missing a key is not complete.
        var english = Entries(ClientText.Resources, ClientLanguages.Default);
        var spanish = Entries(ClientText.Resources, CultureInfo.GetCultureInfo("es"));
        spanish.Remove("AutoReply_Thanks");

        Assert.Contains("AutoReply_Thanks", english.Keys.Where(k => !spanish.ContainsKey(k)));
    }

    internal static Dictionary<string, string> Entries(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources of their own in {culture.Name}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    }

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)[:}]", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
