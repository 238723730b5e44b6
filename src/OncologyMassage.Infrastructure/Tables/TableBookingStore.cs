using Azure;
using Azure.Data.Tables;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Bookings, two shapes of row in one partition per venue:
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
    private const string SlotKind = "slot";
    private const string ReferralKind = "referral";
    private const string ReferralPrefix = "ref|";

    public async Task<IReadOnlyList<Booking>> ListAsync(string venueId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Bookings, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {venueId} and Kind eq {SlotKind} and StartsAt ge {fromUtc.ToUniversalTime()} and StartsAt lt {toUtc.ToUniversalTime()}");
        var bookings = new List<Booking>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            bookings.Add(ToBooking(row));
        }

        return bookings.OrderBy(b => b.Slot.StartsAt).ToList();
    }

    public async Task<bool> TryBookAsync(Slot slot, string referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var table = await tables.GetAsync(StorageTables.Bookings, cancellationToken);
        var booking = new Booking(slot, referralId, clock.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await table.AddEntityAsync(ToRow(booking, slot.Id, SlotKind), cancellationToken);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var holder = await table.GetEntityIfExistsAsync<TableEntity>(slot.VenueId, slot.Id, cancellationToken: cancellationToken);
                if (holder.HasValue)
                {
                    if (holder.Value!.GetString(nameof(Booking.ReferralId)) != referralId)
                    {
                        return false;
                    }

                    booking = ToBooking(holder.Value); // a retry of our own booking: keep the first BookedAt
                    break;
                }

                if (attempt == 3)
                {
                    return false; // released and re-taken under us again and again: report it as taken
                }
            }
        }

        // Written after the slot row: a crash in between is repaired by the retry above.
        await table.UpsertEntityAsync(ToRow(booking, ReferralPrefix + referralId, ReferralKind), TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    public async Task ReleaseAsync(string venueId, string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Bookings, cancellationToken);
        var held = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {venueId} and Kind eq {SlotKind} and ReferralId eq {referralId}"),
            cancellationToken: cancellationToken);
        await foreach (var row in held)
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Gone already, or changed since it was read (then it is no longer this referral's to free).
            }
        }

        await table.DeleteEntityAsync(venueId, ReferralPrefix + referralId, ETag.All, cancellationToken);
    }

    public async Task<Booking?> FindAsync(string venueId, string referralId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Bookings, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(venueId, ReferralPrefix + referralId, cancellationToken: cancellationToken);
        return row.HasValue ? ToBooking(row.Value!) : null;
    }

    private static TableEntity ToRow(Booking booking, string rowKey, string kind) => new(booking.Slot.VenueId, rowKey)
    {
        ["Kind"] = kind,
        ["SlotId"] = booking.Slot.Id,
        [nameof(Slot.TherapistId)] = booking.Slot.TherapistId,
        [nameof(Slot.StartsAt)] = booking.Slot.StartsAt.ToUniversalTime(),
        [nameof(Slot.EndsAt)] = booking.Slot.EndsAt.ToUniversalTime(),
        [nameof(Booking.ReferralId)] = booking.ReferralId,
        [nameof(Booking.BookedAt)] = booking.BookedAt,
    };

    private static Booking ToBooking(TableEntity e) => new(
        new Slot(e.PartitionKey, e.GetString(nameof(Slot.TherapistId)),
            e.GetDateTimeOffset(nameof(Slot.StartsAt)) ?? default, e.GetDateTimeOffset(nameof(Slot.EndsAt)) ?? default),
        e.GetString(nameof(Booking.ReferralId)),
        e.GetDateTimeOffset(nameof(Booking.BookedAt)) ?? default);
}
