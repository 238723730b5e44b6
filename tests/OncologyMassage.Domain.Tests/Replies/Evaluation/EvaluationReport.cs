using System.Diagnostics;
using System.Globalization;
using System.Text;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies.Evaluation;

/// <summary>
/// The screener run over one evaluation set: recall per level (a flag at a higher level than the label counts as
/// recalled, it still alerts), plain replies flagged, and every miss and false alarm by id.
/// </summary>
public sealed class EvaluationReport
{
    public EvaluationReport(IReadOnlyList<EvaluationReply> replies)
    {
        RedFlagScreener.Screen("warm-up"); // the vocabulary is compiled once, on first use
        var clock = Stopwatch.StartNew();
        Results = replies.Select(r => (r, RedFlagScreener.Screen(r.Reply))).ToArray();
        Elapsed = clock.Elapsed;
    }

    /// <summary>Wall time to screen the whole set (after the one-off vocabulary compile).</summary>
    public TimeSpan Elapsed { get; }

    public IReadOnlyList<(EvaluationReply Reply, RedFlagResult Result)> Results { get; }

    public int Count(RedFlagLevel expected) => Results.Count(r => r.Reply.Expected == expected);

    /// <summary>Labelled <paramref name="level"/> (Immediate or SameDay) but screened below it.</summary>
    public IReadOnlyList<(EvaluationReply Reply, RedFlagResult Result)> Missed(RedFlagLevel level) =>
        Results.Where(r => r.Reply.Expected == level && r.Result.Level < level).ToArray();

    /// <summary>Plain replies (labelled None) that were flagged.</summary>
    public IReadOnlyList<(EvaluationReply Reply, RedFlagResult Result)> FalseAlarms() =>
        Results.Where(r => r.Reply.Expected == RedFlagLevel.None && r.Result.IsFlagged).ToArray();

    public double Recall(RedFlagLevel level) => 1.0 - ((double)Missed(level).Count / Count(level));

    public double PlainFlaggedRate() => (double)FalseAlarms().Count / Count(RedFlagLevel.None);

    public string Describe(string name)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {Results.Count} replies ({Count(RedFlagLevel.Immediate)} immediate, {Count(RedFlagLevel.SameDay)} same-day, {Count(RedFlagLevel.None)} plain)");
        foreach (var level in new[] { RedFlagLevel.Immediate, RedFlagLevel.SameDay })
        {
            var missed = Missed(level);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {level} recall: {Count(level) - missed.Count}/{Count(level)} = {100 * Recall(level):0.0}%");
            foreach (var (reply, result) in missed)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    missed {reply.Id} [{reply.Topic}] \"{reply.Reply}\" → {result.Level}");
            }
        }

        var alarms = FalseAlarms();
        text.AppendLine(CultureInfo.InvariantCulture, $"  Plain replies flagged: {alarms.Count}/{Count(RedFlagLevel.None)} = {100 * PlainFlaggedRate():0.0}%");
        foreach (var (reply, result) in alarms)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    flagged {reply.Id} \"{reply.Reply}\" → {result.Level} ({string.Join("; ", result.Matches.Select(m => $"{m.Reason}: '{m.MatchedText}'"))})");
        }

        var immediateAsSameDay = Results.Count(r => r.Reply.Expected == RedFlagLevel.SameDay && r.Result.Level == RedFlagLevel.Immediate);
        text.AppendLine(CultureInfo.InvariantCulture, $"  Same-day replies raised to immediate: {immediateAsSameDay}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Screened in {Elapsed.TotalMilliseconds:0} ms ({Elapsed.TotalMilliseconds / Results.Count:0.00} ms a reply)");
        return text.ToString();
    }
}
