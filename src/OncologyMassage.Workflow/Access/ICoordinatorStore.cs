namespace OncologyMassage.Workflow.Access;

/// <summary>
/// Venue coordinators (table <c>Coordinators</c>): who they are, which venues they coordinate, and which Entra ID object
/// id signs in as them. A principal is matched by object id only: an e-mail claim can be changed by whoever administers
/// the account (or a guest's home tenant), an object id cannot. The e-mail binds an object id once, through the admin
/// command (<c>coordinator bind</c>), never at sign-in.
/// </summary>
public interface ICoordinatorStore
{
    Task<Coordinator?> GetAsync(string coordinatorId, CancellationToken cancellationToken);

    /// <summary>The coordinator bound to this Entra object id, or null. Point reads only.</summary>
    Task<Coordinator?> FindByObjectIdAsync(string objectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Coordinator>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces a coordinator and its object-id lookup (seeding, admin). The lookup of an object id the
    /// coordinator no longer has is removed, so it stops signing anyone in as this coordinator. Callers check first that
    /// the object id is not another coordinator's.
    /// </summary>
    Task UpsertAsync(Coordinator coordinator, CancellationToken cancellationToken);

    /// <summary>Removes a coordinator and its object-id lookup: they can no longer sign in. False when there was none.</summary>
    Task<bool> RemoveAsync(string coordinatorId, CancellationToken cancellationToken);
}

/// <summary>
/// A venue coordinator. <see cref="PrincipalObjectId"/> is the Entra ID object id (oid) they sign in with; without one
/// they cannot sign in through Entra ID until an administrator binds it.
/// </summary>
public sealed record Coordinator(string Id, string Name, string Email, IReadOnlyList<string> VenueIds, string? PrincipalObjectId = null)
{
    public CoordinatorCaller ToCaller() => new(Id, Name, VenueIds);
}
