namespace OncologyMassage.Functions.Http;

/// <summary>
/// Every HTTP route, relative to the route prefix (host.json <c>extensions.http.routePrefix</c>, "api"). The local host maps
/// the same function methods from their [HttpTrigger] attributes, so a route is written once, here.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The coordinators' dashboard: static files (the page itself holds no data).</summary>
    public const string Dashboard = "dashboard/{*path}";

    public const string Referrals = "referrals";
    public const string Referral = "referrals/{id}";
    public const string ReferralTimeline = "referrals/{id}/timeline";

    /// <summary>The oncologist's release form, opened from the signed link in the release email (see SignedLinks).</summary>
    public const string ReleaseForm = "release/{token}";
}
