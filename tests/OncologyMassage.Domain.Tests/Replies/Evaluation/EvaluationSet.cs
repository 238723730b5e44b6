using System.Security.Cryptography;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Domain.Tests.Replies.Evaluation;

/// <summary>One labelled reply of an evaluation set.</summary>
public sealed record EvaluationReply(string Id, RedFlagLevel Expected, string Topic, string Reply);

/// <summary>
/// Reads an evaluation set (tab-separated: id, expected level, topic, reply) copied next to the tests. frozen-set.tsv
/// was written and committed before the screener was rebuilt and is never edited; tuning-set.tsv is the one to tune on.
/// </summary>
public static class EvaluationSet
{
    public const string Frozen = "frozen-set.tsv";
    public const string Tuning = "tuning-set.tsv";

    /// <summary>The Spanish part of the frozen set: written and committed (b114ebb) before any Spanish vocabulary was tuned.</summary>
    public const string FrozenSpanish = "frozen-set-es.tsv";

    /// <summary>The Spanish replies the Spanish vocabulary is tuned on.</summary>
    public const string TuningSpanish = "tuning-set-es.tsv";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Replies", "Evaluation", name);

    public static IReadOnlyList<EvaluationReply> Load(string name) =>
        File.ReadLines(PathOf(name))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(f => new EvaluationReply(f[0], Enum.Parse<RedFlagLevel>(f[1]), f[2], f[3]))
            .ToArray();

    public static string Sha256(string name) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf(name))));
}
