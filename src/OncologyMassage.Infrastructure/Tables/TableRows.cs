using Azure.Data.Tables;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>Small helpers every table store uses: a point read that may find nothing, safe row keys, and the retry pause.</summary>
internal static class TableRows
{
    /// <summary>Attempts of one optimistic (ETag-checked) write before giving up.</summary>
    public const int MaxAttempts = 60;

    /// <summary>The row, or null when there is none (a point read: PartitionKey and RowKey).</summary>
    public static async Task<TableEntity?> ReadAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Row keys may not contain '/', '\', '#', '?' or control characters: those become '_'.</summary>
    public static string SafeKey(string key) =>
        string.Concat(key.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));

    /// <summary>
    /// A short, growing, jittered pause before attempt <paramref name="attempt"/> + 1 of a write that lost a race, so
    /// writers of one partition do not keep colliding; throws once <see cref="MaxAttempts"/> are spent.
    /// </summary>
    public static Task BackOffAsync(int attempt, string what, CancellationToken cancellationToken) =>
        attempt >= MaxAttempts
            ? throw new InvalidOperationException($"{what} kept changing under {MaxAttempts} attempts of one write.")
            : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (Math.Min(attempt, 10) * 10))), cancellationToken);
}
