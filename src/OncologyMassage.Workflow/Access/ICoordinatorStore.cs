namespace OncologyMassage.Workflow.Access;

/// <summary>
/// Venue coordinators (table <c>Coordinators</c>): who they are, which venues they coordinate, and how an Entra ID
/// principal maps to them (object id first, then e-mail).
/// </summary>
public interface ICoordinatorStore
{
    Task<Coordinator?> GetAsync(string coordinatorId, CancellationToken cancellationToken);

    /// <summary>The coordinator with this Entra object id or, failing that, this e-mail (case-insensitive). Point reads only.</summary>
    Task<Coordinator?> FindByPrincipalAsync(string? objectId, string? email, CancellationToken cancellationToken);

    Task<IReadOnlyList<Coordinator>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces a coordinator and its principal lookups (seeding, admin). Lookups of an e-mail or object id
    /// the coordinator no longer has are removed, so they stop signing anyone in as this coordinator.
    /// </summary>
    Task UpsertAsync(Coordinator coordinator, CancellationToken cancellationToken);

    /// <summary>Removes a coordinator and its principal lookups: they can no longer sign in. False when there was none.</summary>
    Task<bool> RemoveAsync(string coordinatorId, CancellationToken cancellationToken);
}

/// <summary>A venue coordinator. <see cref="PrincipalObjectId"/> is the Entra ID object id (oid) when known.</summary>
public sealed record Coordinator(string Id, string Name, string Email, IReadOnlyList<string> VenueIds, string? PrincipalObjectId = null)
{
    public CoordinatorCaller ToCaller() => new(Id, Name, VenueIds);
}
