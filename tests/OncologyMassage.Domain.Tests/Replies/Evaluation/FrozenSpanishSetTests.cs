using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies.Evaluation;

/// <summary>
/// The Spanish part of the frozen evaluation set (frozen-set-es.tsv), written and committed before the Spanish vocabulary was
/// tuned and never edited since, held to the English standard: immediate recall 100 %, same-day recall at least 97 %, at most
/// 5 % of plain replies flagged. Every miss and false alarm is written to the test output; docs/languages.md carries the figures.
/// </summary>
public sealed class FrozenSpanishSetTests(ITestOutputHelper output)
{
    /// <summary>The SHA-256 of frozen-set-es.tsv as committed in b114ebb ("frozen before any Spanish vocabulary is tuned").</summary>
    private const string FrozenSha256 = "cfdabbc64e77f11391f593dba5dd21f97421f0744cd1595808611625d0ef9cf3";

    private static readonly EvaluationReport Report = new(EvaluationSet.Load(EvaluationSet.FrozenSpanish));

    [Fact]
    public void FrozenSpanishSet_File_IsUnchangedSinceFrozen()
    {
        Assert.Equal(FrozenSha256, EvaluationSet.Sha256(EvaluationSet.FrozenSpanish));
    }

    [Fact]
    public void Screen_FrozenSpanishImmediateReplies_AllRecalled()
    {
        output.WriteLine(Report.Describe("Frozen Spanish set"));

        Assert.Empty(Report.Missed(RedFlagLevel.Immediate).Select(m => m.Reply.Id));
    }

    [Fact]
    public void Screen_FrozenSpanishSameDayReplies_AtLeast97PercentRecalled()
    {
        output.WriteLine(Report.Describe("Frozen Spanish set"));

        Assert.True(Report.Recall(RedFlagLevel.SameDay) >= 0.97, string.Join(" | ", Report.Missed(RedFlagLevel.SameDay).Select(m => m.Reply.Id)));
    }

    [Fact]
    public void Screen_FrozenSpanishPlainReplies_AtMostFivePercentFlagged()
    {
        output.WriteLine(Report.Describe("Frozen Spanish set"));

        Assert.True(Report.PlainFlaggedRate() <= 0.05, string.Join(" | ", Report.FalseAlarms().Select(m => m.Reply.Id)));
    }
}
