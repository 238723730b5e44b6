using OncologyMassage.Domain.Venues;

namespace OncologyMassage.Workflow.Ports;

/// <summary>Venues as data (table <c>Venues</c>): one row per venue, read by id.</summary>
public interface IVenueStore
{
    Task<Venue?> GetAsync(string venueId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Venue>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces a venue (seeding, admin).</summary>
    Task UpsertAsync(Venue venue, CancellationToken cancellationToken);
}
