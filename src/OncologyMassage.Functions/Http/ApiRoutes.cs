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

    // Coordinators (issue #7): identity, pipeline, outcomes, actions, audit.
    public const string Me = "me";
    public const string Pipeline = "pipeline";
    public const string Outcomes = "outcomes";
    public const string ReferralSlots = "referrals/{id}/slots";
    public const string ReferralCancel = "referrals/{id}/cancel";
    public const string ReferralReleaseResend = "referrals/{id}/release/resend";
    public const string ReferralBooking = "referrals/{id}/booking";
    public const string ReferralReschedule = "referrals/{id}/reschedule";
    public const string ReferralSessions = "referrals/{id}/sessions";
    public const string ReferralAudit = "referrals/{id}/audit";

    // Red flags (issue 15 item 2): a venue's open flags, a referral's flags, acknowledging one.
    public const string OpenFlags = "flags";
    public const string ReferralFlags = "referrals/{id}/flags";
    public const string ReferralFlagAcknowledge = "referrals/{id}/flags/{flagId}/acknowledge";

    /// <summary>Texts from numbers with no open referral, for every coordinator of the deployment (docs/coordinators.md).</summary>
    public const string Inbox = "inbox";
    public const string InboxHandled = "inbox/{entryId}/handled";

    /// <summary>Everything stored about the referral's client, one JSON document (docs/privacy.md, "Export").</summary>
    public const string ReferralExport = "referrals/{id}/export";

    /// <summary>The oncologist's release form, opened from the signed link in the release email (see SignedLinks).</summary>
    public const string ReleaseForm = "release/{token}";

    /// <summary>The oncologist's answer to a specific question about a plan on hold (link in the question email).</summary>
    public const string MdQuestionForm = "md-question/{token}";

    /// <summary>Twilio webhooks (inbound texts, status callbacks) and SendGrid's event webhook; signed, see docs/messaging.md.</summary>
    public const string SmsInbound = "sms/inbound";
    public const string SmsStatus = "sms/status";
    public const string EmailEvents = "email/events";

    // The client's and clinicians' pages: signed links (see SignedLinks), and the therapist's plan behind practice auth.
    public const string IntakeForm = "intake/{token}";
    public const string ConsentForm = "consent/{token}";
    public const string ConsentWithdrawal = "consent/{token}/withdraw";
    public const string SurveyForm = "survey/{token}";
    public const string CareTeamSummary = "summary/{token}";
    public const string SessionInvite = "calendar/{token}";
    public const string ReferralPlan = "referrals/{id}/plan";

    // FHIR R4 (issue 17 item 1, docs/fhir.md): a referral Bundle in; its Task, ServiceRequest and feedback Bundle out, by referral id.
    public const string FhirBase = "fhir/r4";
    public const string FhirBundles = "fhir/r4/Bundle";
    public const string FhirFeedback = "fhir/r4/Bundle/{id}";
    public const string FhirTask = "fhir/r4/Task/{id}";
    public const string FhirServiceRequest = "fhir/r4/ServiceRequest/{id}";
    public const string FhirMetadata = "fhir/r4/metadata";

    /// <summary>The OpenAPI 3.1 description of every route here (docs/api.md).</summary>
    public const string OpenApi = "openapi.json";
}

