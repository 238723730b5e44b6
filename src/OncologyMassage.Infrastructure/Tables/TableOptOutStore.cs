using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// SMS consent: PartitionKey = the E.164 number, RowKey <c>sms</c>, with the latest STOP or START and when it came. A
/// keyword older than the stored one (a webhook retried late) does not overwrite it.
/// </summary>
public sealed class TableOptOutStore(StorageTables tables) : IOptOutStore
{
    private const string SmsRow = "sms";

    private readonly OneRowStore<SmsConsent> rows = new(tables, StorageTables.OptOuts, new RecordColumns<SmsConsent>(nameof(SmsConsent.PhoneE164), _ => SmsRow));

    public async Task<bool> IsOptedOutAsync(string phoneE164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        return (await rows.GetAsync(phoneE164, SmsRow, cancellationToken))?.OptedOut == true;
    }

    public Task OptOutAsync(string phoneE164, DateTimeOffset at, string keyword, CancellationToken cancellationToken) =>
        WriteAsync(new SmsConsent(phoneE164, OptedOut: true, at, keyword), cancellationToken);

    public Task OptInAsync(string phoneE164, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(new SmsConsent(phoneE164, OptedOut: false, at, "START"), cancellationToken);

    private async Task WriteAsync(SmsConsent latest, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(latest.PhoneE164);
        if (await rows.GetAsync(latest.PhoneE164, SmsRow, cancellationToken) is { At: { } stored } && stored > latest.At)
        {
            return; // a newer keyword already decided
        }

        await rows.UpsertAsync(latest, cancellationToken);
    }

    /// <summary>A number's row: its latest keyword and when it came (null on rows written before that was kept).</summary>
    private sealed record SmsConsent(string PhoneE164, bool OptedOut, DateTimeOffset? At, string? Keyword);
}
