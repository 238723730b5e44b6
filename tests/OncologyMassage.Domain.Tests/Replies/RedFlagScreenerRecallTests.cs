using System.Globalization;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies;

/// <summary>
/// The labelled reply set against the screener: 100% recall on immediate flags, ≥ 95% on same-day, at most 1 in 10
/// plain replies flagged. A flag at a higher level than the label counts as recalled (it still alerts).
/// </summary>
public sealed class RedFlagScreenerRecallTests(ITestOutputHelper output)
{
    private static readonly (string Reply, RedFlagLevel Expected, RedFlagLevel Actual)[] Results = RedFlagReplySet.All
        .Select(r => (r.Reply, r.Expected, RedFlagScreener.Screen(r.Reply).Level))
        .ToArray();

    [Fact]
    public void ReplySet_Count_AtLeast150()
    {
        Assert.True(Results.Length >= 150, $"{Results.Length} replies");
    }

    [Fact]
    public void Screen_ImmediateReplies_AllRecalled()
    {
        var missed = Report(RedFlagLevel.Immediate);

        Assert.Empty(missed);
    }

    [Fact]
    public void Screen_SameDayReplies_AtLeast95PercentRecalled()
    {
        var missed = Report(RedFlagLevel.SameDay);
        var total = Results.Count(r => r.Expected == RedFlagLevel.SameDay);

        Assert.True(total - missed.Count >= 0.95 * total, "missed: " + string.Join(" | ", missed));
    }

    [Fact]
    public void Screen_PlainReplies_AtMostOneInTenFlagged()
    {
        var plain = Results.Where(r => r.Expected == RedFlagLevel.None).ToArray();
        var flagged = plain.Where(r => r.Actual != RedFlagLevel.None).Select(r => $"\"{r.Reply}\" → {r.Actual}").ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Plain replies flagged: {flagged.Length}/{plain.Length} ({100.0 * flagged.Length / plain.Length:0.0}%) {string.Join(" | ", flagged)}"));

        Assert.True(flagged.Length * 10 <= plain.Length, string.Join(" | ", flagged));
    }

    private List<string> Report(RedFlagLevel level)
    {
        var labelled = Results.Where(r => r.Expected == level).ToArray();
        var recalled = labelled.Count(r => r.Actual >= level);
        var predicted = Results.Where(r => r.Actual >= level).ToArray();
        var truePositives = predicted.Count(r => r.Expected >= level);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{level}: recall {recalled}/{labelled.Length} = {100.0 * recalled / labelled.Length:0.0}%, "
            + $"precision {truePositives}/{predicted.Length} = {100.0 * truePositives / Math.Max(1, predicted.Length):0.0}% (flags at {level} or above)"));
        var missed = labelled.Where(r => r.Actual < level).Select(r => $"\"{r.Reply}\" → {r.Actual}").ToList();
        foreach (var miss in missed)
        {
            output.WriteLine("  missed: " + miss);
        }

        return missed;
    }
}
