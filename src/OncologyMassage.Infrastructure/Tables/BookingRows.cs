using Azure.Data.Tables;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Booking rows' columns: the slot (typed, so a venue's bookings are filtered by start) and who booked it when; "Kind"
/// tells the two shapes of row apart.
/// </summary>
internal sealed class BookingRows : IRowMapper<BookingRow>
{
    public const string SlotKind = "slot";
    public const string ReferralKind = "referral";

    public TableEntity ToRow(BookingRow record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var slot = record.Booking.Slot;
        return new TableEntity(slot.VenueId, record.RowKey)
        {
            ["Kind"] = record.Kind,
            ["SlotId"] = slot.Id,
            [nameof(Slot.TherapistId)] = slot.TherapistId,
            [nameof(Slot.StartsAt)] = slot.StartsAt.ToUniversalTime(),
            [nameof(Slot.EndsAt)] = slot.EndsAt.ToUniversalTime(),
            [nameof(Booking.ReferralId)] = record.Booking.ReferralId,
            [nameof(Booking.BookedAt)] = record.Booking.BookedAt,
        };
    }

    public BookingRow FromRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var slot = new Slot(row.PartitionKey, row.GetString(nameof(Slot.TherapistId)),
            row.GetDateTimeOffset(nameof(Slot.StartsAt)) ?? default, row.GetDateTimeOffset(nameof(Slot.EndsAt)) ?? default);
        var booking = new Booking(slot, row.GetString(nameof(Booking.ReferralId)), row.GetDateTimeOffset(nameof(Booking.BookedAt)) ?? default);
        return new BookingRow(booking, row.RowKey, row.GetString("Kind") ?? SlotKind);
    }
}

/// <summary>A booking as one of its two rows (<see cref="TableBookingStore"/>): under its slot id, or under its referral.</summary>
internal sealed record BookingRow(Booking Booking, string RowKey, string Kind)
{
    private const string ReferralPrefix = "ref|";

    public static BookingRow OfSlot(Booking booking) => new(booking, booking.Slot.Id, BookingRows.SlotKind);

    public static BookingRow OfReferral(Booking booking) => new(booking, ReferralKey(booking.ReferralId), BookingRows.ReferralKind);

    public static string ReferralKey(string referralId) => ReferralPrefix + referralId;
}
