using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// Loads what most activities need: the referral as submitted and its venue (name, coordinator, time zone). Both may come
/// from this host's short-lived copies (<see cref="IReferralStore.GetFactsAsync"/>, the venue cache): the stage is the
/// orchestration's to know, never the record's.
/// </summary>
public sealed class ReferralContext(IReferralStore referrals, IVenueStore venues)
{
    public async Task<(ReferralRecord Referral, Venue? Venue)> LoadAsync(string referralId, CancellationToken cancellationToken)
    {
        var record = await referrals.GetFactsAsync(referralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {referralId} does not exist.");
        var venue = await venues.GetAsync(record.Referral.VenueId, cancellationToken);
        return (record, venue);
    }

    /// <summary>The venue's display name; its id when the venue row is missing.</summary>
    public static string VenueName(ReferralRecord referral, Venue? venue) => venue?.Name ?? referral.Referral.VenueId;
}
