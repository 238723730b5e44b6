using System.Collections.Concurrent;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// Venues for tests of pages that read them, until the app registers its own store (the app's registration wins: tests
/// seed venues through <see cref="IVenueStore.UpsertAsync"/>, which works with either).
/// </summary>
internal sealed class InMemoryVenueStore : IVenueStore
{
    private readonly ConcurrentDictionary<string, Venue> venues = new(StringComparer.Ordinal);

    public Task<Venue?> GetAsync(string venueId, CancellationToken cancellationToken) => Task.FromResult(venues.GetValueOrDefault(venueId));

    public Task<IReadOnlyList<Venue>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Venue>>([.. venues.Values]);

    public Task UpsertAsync(Venue venue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(venue);
        venues[venue.Id] = venue;
        return Task.CompletedTask;
    }
}
