using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Access;

/// <summary>
/// Who is calling, once authenticated: a referring practice (by its API key) or a venue coordinator (Entra ID in Azure,
/// the development sign-in locally). Scope is decided here, once: a practice sees its own referrals, a coordinator the
/// referrals of their venues.
/// </summary>
public abstract record Caller(string Id, string Name)
{
    /// <summary>"practice" or "coordinator", as the API and the audit table spell it.</summary>
    public abstract string Kind { get; }

    /// <summary>True when the caller may read (and, for coordinators, act on) the referral.</summary>
    public abstract bool CanSee(ReferralRecord referral);
}

public sealed record PracticeCaller(string Id, string Name) : Caller(Id, Name)
{
    public override string Kind => "practice";

    public override bool CanSee(ReferralRecord referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return string.Equals(referral.PracticeId, Id, StringComparison.Ordinal);
    }
}

public sealed record CoordinatorCaller(string Id, string Name, IReadOnlyList<string> VenueIds) : Caller(Id, Name)
{
    public override string Kind => "coordinator";

    public bool Coordinates(string venueId) => VenueIds.Contains(venueId, StringComparer.Ordinal);

    public override bool CanSee(ReferralRecord referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Coordinates(referral.Referral.VenueId);
    }
}
