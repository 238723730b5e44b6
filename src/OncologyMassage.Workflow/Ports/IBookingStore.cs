using OncologyMassage.Domain.Venues;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Booked slots per venue (table <c>Bookings</c>, partition = venue). A booking is an insert keyed by the slot id, so two
/// referrals can never hold the same therapist's slot (no double booking); a cancelled booking frees the slot.
/// </summary>
public interface IBookingStore
{
    /// <summary>Slots booked (not cancelled) at the venue that start in [fromUtc, toUtc).</summary>
    Task<IReadOnlyList<Booking>> ListAsync(string venueId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken);

    /// <summary>
    /// Books the slot for the referral. True when booked now or already booked by the same referral (idempotent);
    /// false when another referral holds it.
    /// </summary>
    Task<bool> TryBookAsync(Slot slot, string referralId, CancellationToken cancellationToken);

    /// <summary>Frees every booking the referral holds (cancellation, withdrawal). Idempotent.</summary>
    Task ReleaseAsync(string venueId, string referralId, CancellationToken cancellationToken);

    /// <summary>
    /// Frees one slot the referral holds (the old slot of a reschedule), leaving its other bookings and its current-booking
    /// pointer alone. Nothing happens when the slot is free or held by another referral. Idempotent.
    /// </summary>
    Task ReleaseSlotAsync(string venueId, string slotId, string referralId, CancellationToken cancellationToken);

    /// <summary>The referral's current (not cancelled) booking, if any.</summary>
    Task<Booking?> FindAsync(string venueId, string referralId, CancellationToken cancellationToken);
}

public sealed record Booking(Slot Slot, string ReferralId, DateTimeOffset BookedAt);
