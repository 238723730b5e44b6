using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class PrecautionWordsTests
{
    [Fact]
    public void Describe_EveryCode_HasDistinctPlainWords()
    {
        var words = Enum.GetValues<PrecautionCode>().Select(c => c.Describe()).ToArray();

        Assert.All(words, w => Assert.False(string.IsNullOrWhiteSpace(w) || w.Contains('_', StringComparison.Ordinal)));
        Assert.Equal(words.Length, words.Distinct().Count());
    }
}
