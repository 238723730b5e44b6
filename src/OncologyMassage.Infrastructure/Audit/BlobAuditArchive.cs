using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Infrastructure.Audit;

/// <summary>
/// The daily copy of the audit (issue 14 item 6): the entries recorded on one UTC day, with their chain fields, as one
/// JSON-lines blob <c>yyyy/MM/dd.jsonl</c> in <see cref="PrivacyOptions.AuditArchiveContainer"/>. In Azure that container
/// has a time-based immutability policy (infra/core/storage), so a copy cannot be changed or deleted, and comparing it
/// with the table (or its hashes with the chain) shows a chain rebuilt after the fact. A day is written once: a blob that
/// exists is left as it is, so a rerun copies nothing twice.
/// </summary>
public sealed class BlobAuditArchive(BlobServiceClient blobs, IAuditLog audit, IOptions<PrivacyOptions> options, TimeProvider clock)
{
    /// <summary>Copies yesterday (UTC), the day a daily run after midnight has complete.</summary>
    public Task<int> CopyYesterdayAsync(CancellationToken cancellationToken) =>
        CopyDayAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1), cancellationToken);

    /// <summary>Writes the day's entries; returns how many, or 0 when the day was copied before.</summary>
    public async Task<int> CopyDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(options.Value.AuditArchiveContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(BlobName(day));
        if (await blob.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var since = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var lines = new StringBuilder();
        var count = 0;
        await foreach (var entry in audit.ReadRecordedAsync(since, since.AddDays(1), cancellationToken))
        {
            lines.AppendLine(JsonSerializer.Serialize(entry, AppJson.Options));
            count++;
        }

        try
        {
            await blob.UploadAsync(BinaryData.FromString(lines.ToString()), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return 0; // another run wrote the day meanwhile
        }

        return count;
    }

    public static string BlobName(DateOnly day) => day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + ".jsonl";
}
