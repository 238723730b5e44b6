using Azure.Data.Tables;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// SMS consent: PartitionKey = the E.164 number, RowKey <c>sms</c>, with the latest STOP or START and when it came. A
/// keyword older than the stored one (a webhook retried late) does not overwrite it.
/// </summary>
public sealed class TableOptOutStore(StorageTables tables) : IOptOutStore
{
    private const string SmsRow = "sms";

    public async Task<bool> IsOptedOutAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        var table = await tables.GetAsync(StorageTables.OptOuts, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(phoneE164, SmsRow, cancellationToken: cancellationToken);
        return row.HasValue && row.Value?.GetBoolean("OptedOut") == true;
    }

    public Task OptOutAsync(string phoneE164, DateTimeOffset at, string keyword, CancellationToken cancellationToken) =>
        WriteAsync(phoneE164, optedOut: true, at, keyword, cancellationToken);

    public Task OptInAsync(string phoneE164, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(phoneE164, optedOut: false, at, "START", cancellationToken);

    private async Task WriteAsync(string phoneE164, bool optedOut, DateTimeOffset at, string keyword, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        var table = await tables.GetAsync(StorageTables.OptOuts, cancellationToken);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(phoneE164, SmsRow, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value?.GetDateTimeOffset("At") is { } stored && stored > at)
        {
            return; // a newer keyword already decided
        }

        await table.UpsertEntityAsync(new TableEntity(phoneE164, SmsRow)
        {
            ["OptedOut"] = optedOut,
            ["At"] = at,
            ["Keyword"] = keyword,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
