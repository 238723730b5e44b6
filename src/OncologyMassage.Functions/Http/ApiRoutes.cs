namespace OncologyMassage.Functions.Http;

/// <summary>
/// Every HTTP route, relative to the route prefix (host.json <c>extensions.http.routePrefix</c>, "api"). The local host maps
/// the same function methods from their [HttpTrigger] attributes, so a route is written once, here.
/// </summary>
public static class ApiRoutes
{
    public const string Referrals = "referrals";
    public const string Referral = "referrals/{id}";
    public const string ReferralTimeline = "referrals/{id}/timeline";

    /// <summary>The oncologist's release form, opened from the signed link in the release email (see SignedLinks).</summary>
    public const string ReleaseForm = "release/{token}";

    // The client's and clinicians' pages: signed links (see SignedLinks), and the therapist's plan behind practice auth.
    public const string IntakeForm = "intake/{token}";
    public const string ConsentForm = "consent/{token}";
    public const string ConsentWithdrawal = "consent/{token}/withdraw";
    public const string SurveyForm = "survey/{token}";
    public const string CareTeamSummary = "summary/{token}";
    public const string ReferralPlan = "referrals/{id}/plan";
}
