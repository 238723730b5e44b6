using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Caching;

/// <summary>
/// The venue store with venues kept for <c>Caching:VenuesFor</c>: a submission, a slot offer, a booking and every message
/// that names the venue used to read its row again (15 reads in one journey). A venue changed through this store is
/// forgotten at once; the list of all venues is always read.
/// </summary>
public sealed class CachedVenueStore(IVenueStore inner, TimeSpan lifetime, TimeProvider clock) : IVenueStore
{
    private readonly ExpiringCache<Venue> venues = new(lifetime, clock);

    public Task<Venue?> GetAsync(string venueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venueId);
        return venues.GetOrReadAsync(venueId, () => inner.GetAsync(venueId, cancellationToken));
    }

    public Task<IReadOnlyList<Venue>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public async Task UpsertAsync(Venue venue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venue);
        await inner.UpsertAsync(venue, cancellationToken);
        venues.Forget(venue.Id);
    }
}
