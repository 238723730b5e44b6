using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies.Evaluation;

/// <summary>The set the screener is tuned on (tuning-set.tsv): same thresholds as the frozen set, with every miss listed.</summary>
public sealed class TuningSetTests(ITestOutputHelper output)
{
    private static readonly EvaluationReport Report = new(EvaluationSet.Load(EvaluationSet.Tuning));

    [Fact]
    public void Screen_TuningSet_MeetsTheThresholds()
    {
        output.WriteLine(Report.Describe("Tuning set"));

        Assert.Equal(
            (true, true, true),
            (Report.Recall(RedFlagLevel.Immediate) >= 1.0, Report.Recall(RedFlagLevel.SameDay) >= 0.97, Report.PlainFlaggedRate() <= 0.05));
    }
}
