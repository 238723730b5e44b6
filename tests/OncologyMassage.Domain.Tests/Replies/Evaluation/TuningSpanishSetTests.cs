using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies.Evaluation;

/// <summary>The Spanish replies the Spanish vocabulary is tuned on (tuning-set-es.tsv): the English thresholds, every miss listed.</summary>
public sealed class TuningSpanishSetTests(ITestOutputHelper output)
{
    private static readonly EvaluationReport Report = new(EvaluationSet.Load(EvaluationSet.TuningSpanish));

    [Fact]
    public void Screen_TuningSpanishSet_MeetsTheThresholds()
    {
        output.WriteLine(Report.Describe("Spanish tuning set"));

        Assert.Equal(
            (true, true, true),
            (Report.Recall(RedFlagLevel.Immediate) >= 1.0, Report.Recall(RedFlagLevel.SameDay) >= 0.97, Report.PlainFlaggedRate() <= 0.05));
    }
}
