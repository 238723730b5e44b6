using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Bookings, two shapes of row in one partition per venue (<see cref="BookingRows"/>):
/// <list type="bullet">
/// <item>RowKey = slot id (<c>{therapist}|{start}</c>): the booking itself. Booking is an insert, so a second referral's
/// insert of the same slot conflicts (409) and loses: no double booking without any lock.</item>
/// <item>RowKey = <c>ref|{referral id}</c>: the referral's current booking, so <see cref="FindAsync"/> is one point read.</item>
/// </list>
/// Releasing deletes the slot rows with the ETag just read (If-Match), so a stale release never frees a slot that
/// someone else has booked meanwhile; the slot is then free to book again.
/// </summary>
public sealed class TableBookingStore(StorageTables tables, TimeProvider clock) : IBookingStore
{
    private readonly OneRowStore<BookingRow> rows = new(tables, StorageTables.Bookings, new BookingRows());

    public async Task<IReadOnlyList<Booking>> ListAsync(string venueId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken)
    {
        var slots = await rows.QueryAsync(
            $"PartitionKey eq {venueId} and Kind eq {BookingRows.SlotKind} and StartsAt ge {fromUtc.ToUniversalTime()} and StartsAt lt {toUtc.ToUniversalTime()}",
            cancellationToken);
        return slots.Select(r => r.Booking).OrderBy(b => b.Slot.StartsAt).ToList();
    }

    public async Task<bool> TryBookAsync(Slot slot, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var booking = new Booking(slot, referralId, clock.GetUtcNow());
        for (var attempt = 1; !await rows.TryAddAsync(BookingRow.OfSlot(booking), cancellationToken); attempt++)
        {
            if (await rows.GetAsync(slot.VenueId, slot.Id, cancellationToken) is { } holder)
            {
                if (holder.Booking.ReferralId != referralId)
                {
                    return false;
                }

                booking = holder.Booking; // a retry of our own booking: keep the first BookedAt
                break;
            }

            if (attempt == 3)
            {
                return false; // released and re-taken under us again and again: report it as taken
            }
        }

        // Written after the slot row: a crash in between is repaired by the retry above.
        await rows.UpsertAsync(BookingRow.OfReferral(booking), cancellationToken);
        return true;
    }

    public async Task ReleaseAsync(string venueId, string referralId, CancellationToken cancellationToken)
    {
        var held = await rows.QueryRowsAsync($"PartitionKey eq {venueId} and Kind eq {BookingRows.SlotKind} and ReferralId eq {referralId}", cancellationToken);
        foreach (var row in held)
        {
            // False when gone already, or changed since it was read (then it is no longer this referral's to free).
            _ = await rows.TryDeleteAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }

        await rows.DeleteAsync(venueId, BookingRow.ReferralKey(referralId), cancellationToken);
    }

    public async Task ReleaseSlotAsync(string venueId, string slotId, string referralId, CancellationToken cancellationToken)
    {
        var held = await rows.QueryRowsAsync($"PartitionKey eq {venueId} and RowKey eq {slotId} and ReferralId eq {referralId}", cancellationToken);
        foreach (var row in held)
        {
            // If-Match: a slot that changed hands since it was read is no longer this referral's to free.
            _ = await rows.TryDeleteAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
    }

    public async Task<Booking?> FindAsync(string venueId, string referralId, CancellationToken cancellationToken) =>
        (await rows.GetAsync(venueId, BookingRow.ReferralKey(referralId), cancellationToken))?.Booking;
}
