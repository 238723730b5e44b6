using System.Globalization;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Sessions and follow-ups of a referral in one partition of <c>Sessions</c> (PartitionKey = referral id; RowKey
/// "s|{number:D3}" for a session, "f|{followUpId}" for a follow-up), so a referral's history is one partition query and a
/// session or follow-up is written once (each row the record as JSON, <see cref="JsonRecordRows{TRecord}"/>). Each is then
/// counted once in its venue's outcome totals (<see cref="VenueOutcomes"/>). Neither is changed once stored, so a session
/// or follow-up this host stored or read is answered from its copy for a while (<see cref="WrittenOnceRecords"/>): the
/// activities that screen a session or process a survey answer read what the request stored a moment before.
/// </summary>
public sealed class TableSessionStore(StorageTables tables, WrittenOnceRecords? writtenOnce = null) : ISessionStore
{
    private static readonly JsonRecordRows<SessionRecord> SessionRows = new(r => (r.ReferralId, SessionKey(r.SessionNumber)), r => r.VenueId, r => r.RecordedAt);

    private readonly VenueOutcomes venues = new(tables);
    private readonly OneRowStore<SessionRecord> sessions = new(tables, StorageTables.Sessions, SessionRows, writtenOnce);
    private readonly OneRowStore<FollowUpRecord> followUps = new(tables, StorageTables.Sessions,
        new JsonRecordRows<FollowUpRecord>(r => (r.ReferralId, FollowUpKey(r.FollowUpId)), _ => null, r => r.RecordedAt), writtenOnce);

    public async Task<bool> TryRecordSessionAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var inserted = await sessions.TryAddAsync(record, cancellationToken);
        if (!inserted)
        {
            // Recorded before. Copy the stored record (not this one) to the venue, in case the earlier call stopped in between.
            record = await sessions.GetAsync(record.ReferralId, SessionKey(record.SessionNumber), cancellationToken)
                ?? throw new InvalidOperationException($"Session {record.SessionNumber} of {record.ReferralId} conflicted but cannot be read.");
        }

        // Counted for the venue even when the session was recorded before: an earlier call may have stopped in between.
        var venueRow = SessionRows.Row(record.VenueId, $"s|{record.ReferralId}|{SessionKey(record.SessionNumber)[2..]}", record);
        var outcome = record.ToOutcome();
        // A first session is most likely the referral's first thing counted at the venue: its count does not read that first.
        await venues.CountAsync(venueRow, record.ReferralId, (totals, first) => totals.AddSession(outcome, first), cancellationToken,
            likelyFirstOfReferral: record.SessionNumber == 1);

        return inserted;
    }

    public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string referralId, CancellationToken cancellationToken) =>
        sessions.QueryAsync($"PartitionKey eq {referralId} and RowKey ge {"s|"} and RowKey lt {"s}"}", cancellationToken);

    public Task<OutcomeTotals> GetVenueOutcomesAsync(string venueId, CancellationToken cancellationToken) => venues.GetAsync(venueId, cancellationToken);

    public Task<SessionRecord?> GetSessionAsync(string referralId, int sessionNumber, CancellationToken cancellationToken) =>
        sessions.GetAsync(referralId, SessionKey(sessionNumber), cancellationToken);

    public Task<FollowUpRecord?> GetFollowUpAsync(string referralId, string followUpId, CancellationToken cancellationToken) =>
        followUps.GetAsync(referralId, FollowUpKey(followUpId), cancellationToken);

    public async Task<bool> RecordFollowUpAsync(FollowUpRecord record, string? venueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var inserted = await followUps.TryAddAsync(record, cancellationToken);
        if (!inserted)
        {
            // Recorded before: the first result stands (and is what the venue counts).
            record = await followUps.GetAsync(record.ReferralId, FollowUpKey(record.FollowUpId), cancellationToken)
                ?? throw new InvalidOperationException($"A follow-up of {record.ReferralId} conflicted but cannot be read.");
        }

        if (!string.IsNullOrEmpty(venueId))
        {
            var replied = record.Replied;
            await venues.CountAsync(new(venueId, $"f|{record.ReferralId}|{TableRows.SafeKey(record.FollowUpId)}") { ["Replied"] = replied },
                referralId: null, (totals, _) => totals.AddFollowUp(replied), cancellationToken);
        }

        return inserted;
    }

    public Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string referralId, CancellationToken cancellationToken) =>
        followUps.QueryAsync($"PartitionKey eq {referralId} and RowKey ge {"f|"} and RowKey lt {"f}"}", cancellationToken);

    private static string SessionKey(int number) => "s|" + number.ToString("D3", CultureInfo.InvariantCulture);

    private static string FollowUpKey(string followUpId) => "f|" + followUpId;
}
