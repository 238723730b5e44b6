using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The rows of the pipeline board (table <see cref="StorageTables.Pipeline"/>, PartitionKey = venue id):
/// <list type="bullet">
/// <item><c>lanes</c>: one row per venue with, per stage, the count and the two ends of the stage's bucket chain;</item>
/// <item><c>b|{stage}|{bucket}</c>: a bucket of up to <see cref="PipelineBoard.DefaultBucketCapacity"/> referrals of one stage, in
/// the order they entered it, linked to the previous and next bucket of the stage;</item>
/// <item><c>r|{referral}</c>: where a referral is (stage, bucket, position), its stage sequence and its flags.</item>
/// </list>
/// Every read the pipeline makes is a point read of one of these rows: no query, so no read depends on how many
/// referrals the table holds (Azure serves point reads from its index; Azurite from its binary indices).
/// </summary>
internal static class PipelineBoardRows
{
    public const string LanesKey = "lanes";

    /// <summary>The flags column, on the referral row (kept for the next stage) and on the board's <c>r|</c> row.</summary>
    public const string FlagsColumn = "Flags";
    public const long None = -1;

    public static string BucketKey(Stage stage, long bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"b|{stage}|{bucket:D10}");

    public static string LocationKey(string referralId) => "r|" + referralId;

    public static Dictionary<Stage, LaneEnds> ReadLanes(TableEntity? row) =>
        row?.GetString("Lanes") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<Stage, LaneEnds>>(json, AppJson.Options) ?? []
            : [];

    public static void WriteLanes(TableEntity row, Dictionary<Stage, LaneEnds> lanes) =>
        row["Lanes"] = JsonSerializer.Serialize(lanes.Where(l => l.Value.Buckets > 0).ToDictionary(), AppJson.Options);

    public static BucketState ReadBucket(TableEntity row) => new(
        row,
        IsNew: false,
        JsonSerializer.Deserialize<List<BoardItem>>(row.GetString("Items") ?? "[]", AppJson.Options) ?? [])
    {
        Prev = row.GetInt64("Prev") ?? None,
        Next = row.GetInt64("Next") ?? None,
        Linked = row.GetBoolean("Linked") ?? true,
    };

    public static TableEntity WriteBucket(BucketState bucket)
    {
        bucket.Row["Items"] = JsonSerializer.Serialize(bucket.Items, AppJson.Options);
        bucket.Row["Prev"] = bucket.Prev;
        bucket.Row["Next"] = bucket.Next;
        bucket.Row["Linked"] = bucket.Linked;
        return bucket.Row;
    }

    public static TableTransactionAction Write(TableEntity row, bool isNew) => isNew
        ? new TableTransactionAction(TableTransactionActionType.Add, row)
        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);

    public static IReadOnlyList<ReferralFlagKind> ParseFlags(string? flags) =>
        (flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Enum.TryParse<ReferralFlagKind>(f, out var kind) ? kind : (ReferralFlagKind?)null)
            .OfType<ReferralFlagKind>()
            .Distinct()
            .ToArray();

    public static string FormatFlags(IEnumerable<ReferralFlagKind> flags) => string.Join(',', flags.Distinct().Order());
}

/// <summary>One stage's chain of buckets at a venue: how many referrals it holds, its first and last bucket.</summary>
internal sealed class LaneEnds
{
    public int Count { get; set; }

    public long Head { get; set; } = PipelineBoardRows.None;

    public long Tail { get; set; } = PipelineBoardRows.None;

    /// <summary>Buckets ever made for the stage (the next bucket's number).</summary>
    public long Buckets { get; set; }

    /// <summary>Referrals ever appended (the next item's position: items are in entry order along the chain).</summary>
    public long Appended { get; set; }
}

/// <summary>A referral on the board: what a pipeline row shows without reading the referral.</summary>
internal sealed record BoardItem(
    [property: JsonPropertyName("r")] string ReferralId,
    [property: JsonPropertyName("i")] string Initials,
    [property: JsonPropertyName("e")] DateTimeOffset EnteredAt,
    [property: JsonPropertyName("p")] long Position,
    [property: JsonPropertyName("f")] string? Flags);

/// <summary>A bucket row being read or changed; <see cref="Linked"/> is false once emptied and taken out of its chain.</summary>
internal sealed record BucketState(TableEntity Row, bool IsNew, List<BoardItem> Items)
{
    public long Prev { get; set; }

    public long Next { get; set; }

    public bool Linked { get; set; }

    public static BucketState Create(string venueId, Stage stage, long bucket, long prev) =>
        new(new TableEntity(venueId, PipelineBoardRows.BucketKey(stage, bucket)) { ETag = ETag.All }, IsNew: true, [])
        {
            Prev = prev,
            Next = PipelineBoardRows.None,
            Linked = true,
        };
}
