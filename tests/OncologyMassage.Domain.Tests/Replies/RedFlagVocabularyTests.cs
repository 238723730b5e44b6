using System.Text.Json;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

/// <summary>The vocabulary file a clinician reviews: every DOMAIN.md red flag is there, and every term names its source.</summary>
public sealed class RedFlagVocabularyTests
{
    private static readonly JsonElement Vocabulary = Read();

    [Fact]
    public void Vocabulary_Flags_CoverEveryDomainRedFlag()
    {
        var reasons = Vocabulary.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("reason").GetString()).ToHashSet();

        Assert.Subset(reasons, new HashSet<string?>
        {
            "sudden breathlessness", "chest pain", "coughing blood", RedFlagScreener.Fever, "bleeding that will not stop",
            "fainting", "confusion", "seizure", "new or increased swelling of a limb",
            "one-sided calf pain, swelling, warmth or redness", "new bone, joint or night pain", "new bruising",
            "blisters or broken skin", "redness or pain at a port or IV site", "a reaction lasting more than a day",
            RedFlagScreener.Vomiting, RedFlagScreener.FluLikeOrSevereFatigue,
        });
    }

    [Fact]
    public void Vocabulary_EveryTermGroup_NamesAKnownSource()
    {
        var sources = Vocabulary.GetProperty("sources").EnumerateObject().Select(p => p.Name).ToHashSet();
        var used = Vocabulary.GetProperty("flags").EnumerateArray()
            .SelectMany(f => f.GetProperty("terms").EnumerateObject())
            .Select(t => t.Name)
            .ToHashSet();

        Assert.Subset(sources, used);
    }

    [Fact]
    public void Vocabulary_Rules_CompileOnePerFlag()
    {
        Assert.Equal(Vocabulary.GetProperty("flags").GetArrayLength(), RedFlagScreener.Rules.Count);
    }

    private static JsonElement Read()
    {
        using var stream = typeof(RedFlagScreener).Assembly.GetManifestResourceStream("OncologyMassage.Domain.Replies.Vocabulary.red-flag-vocabulary.json")
            ?? throw new InvalidOperationException("vocabulary not embedded");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
