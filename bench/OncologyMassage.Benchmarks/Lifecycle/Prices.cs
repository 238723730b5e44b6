namespace OncologyMassage.Benchmarks.Lifecycle;

/// <summary>
/// Azure list prices (pay-as-you-go, US dollars, East US) the cost estimate uses. They change: docs/performance.md states
/// them with their date and source next to the figures they produced.
/// </summary>
public static class Prices
{
    public const string AsOf = "2026-12-02";

    public const string Source =
        "Storage: azure.microsoft.com/pricing/details/storage/tables, /queues and /blobs (general-purpose v2, LRS, hot tier); "
        + "Functions: azure.microsoft.com/pricing/details/functions (Flex Consumption, on demand; $0.000026/GB-s and $0.40 per million "
        + "executions, the same figures as the Flex Consumption section of modal.com/blog/azure-function-pricing-guide, May 2025). "
        + "The storage transaction prices were not re-read from the live page on that date: check them before relying on the totals.";

    /// <summary>Table storage: every transaction.</summary>
    public const decimal TablePer10K = 0.00036m;

    /// <summary>Queue storage, general-purpose v2 (class 1 and class 2 operations alike).</summary>
    public const decimal QueuePer10K = 0.004m;

    /// <summary>Blob storage, hot tier: write and list operations.</summary>
    public const decimal BlobWritePer10K = 0.05m;

    /// <summary>Blob storage, hot tier: read operations.</summary>
    public const decimal BlobReadPer10K = 0.004m;

    /// <summary>Flex Consumption, on demand: per GB-second of instance memory while executing.</summary>
    public const decimal PerGbSecond = 0.000026m;

    /// <summary>Flex Consumption, on demand: per execution.</summary>
    public const decimal PerMillionExecutions = 0.40m;

    /// <summary>The Flex Consumption instance memory the estimate assumes (the default size, 2,048 MB).</summary>
    public const decimal InstanceGb = 2m;

    public static decimal StorageCost(StorageRequestCounter.Snapshot requests, double scale)
    {
        ArgumentNullException.ThrowIfNull(requests);
        decimal Of(string kind) => requests.Counts.Where(c => c.Key.Kind == kind).Sum(c => c.Value) * (decimal)scale;
        return Of("table") / 10_000 * TablePer10K + Of("queue") / 10_000 * QueuePer10K
            + Of("blob-write") / 10_000 * BlobWritePer10K + Of("blob-read") / 10_000 * BlobReadPer10K;
    }
}
