using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http.Dashboard;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Privacy;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Functions.Http.OpenApi;

/// <summary>
/// Every HTTP function's contract, read off the function bodies: what it accepts and every status it answers with. The
/// caller gate's own refusals (401/403/415/429/503, see Http/Access) are added by <see cref="ApiDocument"/> from
/// <see cref="ApiOperation.Caller"/>. A test matches this table against the functions' [HttpTrigger] attributes, so a new
/// function without a row here fails the build's tests.
/// </summary>
public static class ApiOperations
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string Html = "text/html";
    public const string Form = "application/x-www-form-urlencoded";
    public const string Xml = "text/xml";

    private static ApiBody Body<T>() => new(Json, typeof(T));

    private static readonly ApiBody Problem = new(ProblemJson, typeof(ProblemDetails));
    private static readonly ApiBody Validation = new(ProblemJson, typeof(HttpValidationProblemDetails));
    private static readonly ApiBody Page = new(Html);
    private static readonly ApiBody FormBody = new(Form);

    public static IReadOnlyList<ApiOperation> All { get; } =
    [
        new(nameof(OpenApiFunctions.GetOpenApiDocument), "get", ApiRoutes.OpenApi, "This description (OpenAPI 3.1).", ApiCaller.Anonymous, null,
            R((200, Body<object>()))),
        new(nameof(DashboardFunctions.GetDashboardFile), "get", ApiRoutes.Dashboard, "The coordinators' dashboard: static files, no data.", ApiCaller.Anonymous, null,
            R((200, new ApiBody("*/*")), (302, null), (404, Problem))),

        new(nameof(ReferralFunctions.SubmitReferral), "post", ApiRoutes.Referrals, "Submit a referral (optionally with an Idempotency-Key header).", ApiCaller.Practice, Body<ReferralRequest>(),
            R((202, Body<SubmittedReferral>()), (400, Validation), (413, Problem), (415, Problem), (422, Validation))),
        new(nameof(ReferralFunctions.GetReferral), "get", ApiRoutes.Referral, "One referral.", ApiCaller.PracticeOrCoordinator, null,
            R((200, Body<ReferralView>()), (404, Problem))),
        new(nameof(ReferralFunctions.GetReferralTimeline), "get", ApiRoutes.ReferralTimeline, "A referral's timeline, oldest first.", ApiCaller.PracticeOrCoordinator, null,
            R((200, Body<ReferralTimeline>()), (404, Problem))),

        new(nameof(CoordinatorFunctions.GetMe), "get", ApiRoutes.Me, "The caller and its venues.", ApiCaller.PracticeOrCoordinator, null,
            R((200, Body<CallerView>()))),
        new(nameof(CoordinatorFunctions.GetPipeline), "get", ApiRoutes.Pipeline, "A venue's referrals by stage (query: venue, stage, stuck, since, pageSize, continuationToken).", ApiCaller.Coordinator, null,
            R((200, Body<PipelineView>()), (400, Validation), (404, Problem))),
        new(nameof(CoordinatorFunctions.GetOutcomes), "get", ApiRoutes.Outcomes, "A venue's outcomes (query: venue).", ApiCaller.Coordinator, null,
            R((200, Body<VenueOutcomes>()), (400, Validation), (404, Problem))),

        new(nameof(ReferralActionFunctions.ListReferralSlots), "get", ApiRoutes.ReferralSlots, "The slots offered for a referral.", ApiCaller.Coordinator, null,
            R((200, Body<SlotView[]>()), (404, Problem), (409, Problem))),
        new(nameof(ReferralActionFunctions.CancelReferral), "post", ApiRoutes.ReferralCancel, "Cancel a referral with a reason.", ApiCaller.Coordinator, Body<CancelInput>(),
            R((202, Body<AcceptedAction>()), (400, Validation), (404, Problem), (409, Problem), (413, Problem))),
        new(nameof(ReferralActionFunctions.ResendReleaseRequest), "post", ApiRoutes.ReferralReleaseResend, "Send the oncologist's release request again.", ApiCaller.Coordinator, null,
            R((202, Body<AcceptedAction>()), (404, Problem), (409, Problem), (413, Problem))),
        new(nameof(ReferralActionFunctions.BookReferralSlot), "post", ApiRoutes.ReferralBooking, "Book one of the offered slots.", ApiCaller.Coordinator, Body<BookingInput>(),
            R((202, Body<AcceptedAction>()), (400, Validation), (404, Problem), (409, Problem), (413, Problem), (422, Problem))),
        new(nameof(ReferralActionFunctions.RescheduleReferralSession), "post", ApiRoutes.ReferralReschedule, "Move the booked session to another offered slot.", ApiCaller.Coordinator, Body<RescheduleInput>(),
            R((202, Body<AcceptedAction>()), (400, Validation), (404, Problem), (409, Problem), (413, Problem), (422, Problem))),
        new(nameof(ReferralActionFunctions.RecordReferralSession), "post", ApiRoutes.ReferralSessions, "Record a session given.", ApiCaller.Coordinator, Body<SessionInput>(),
            R((201, Body<RecordedSession>()), (400, Validation), (404, Problem), (409, Problem), (413, Problem))),
        new(nameof(ReferralActionFunctions.GetReferralAudit), "get", ApiRoutes.ReferralAudit, "Who read or changed the referral.", ApiCaller.Coordinator, null,
            R((200, Body<AuditView[]>()), (404, Problem))),
        new(nameof(ReferralExportFunctions.ExportReferral), "get", ApiRoutes.ReferralExport, "Everything stored about the referral's client.", ApiCaller.Coordinator, null,
            R((200, Body<ReferralExportDocument>()), (404, Problem))),

        new(nameof(RedFlagFunctions.ListOpenFlags), "get", ApiRoutes.OpenFlags, "A venue's open red flags (query: venue).", ApiCaller.Coordinator, null,
            R((200, Body<OpenFlagsView>()), (400, Validation), (404, Problem))),
        new(nameof(RedFlagFunctions.ListReferralFlags), "get", ApiRoutes.ReferralFlags, "A referral's red flags.", ApiCaller.Coordinator, null,
            R((200, Body<FlagView[]>()), (404, Problem))),
        new(nameof(RedFlagFunctions.AcknowledgeFlag), "post", ApiRoutes.ReferralFlagAcknowledge, "Acknowledge a red flag with a note.", ApiCaller.Coordinator, Body<AcknowledgeInput>(),
            R((200, Body<FlagView>()), (400, Validation), (404, Problem), (409, Problem), (413, Problem))),

        new(nameof(InboxFunctions.GetInbox), "get", ApiRoutes.Inbox, "Texts from numbers with no open referral (query: max).", ApiCaller.Coordinator, null,
            R((200, Body<InboxView>()), (400, Validation))),
        new(nameof(InboxFunctions.MarkInboxHandled), "post", ApiRoutes.InboxHandled, "Mark an inbox text handled.", ApiCaller.Coordinator, Body<InboxHandledInput>(),
            R((200, Body<InboxEntryView>()), (400, Validation), (404, Problem), (409, Problem), (413, Problem))),

        new(nameof(PlanFunctions.GetReferralPlan), "get", ApiRoutes.ReferralPlan, "The therapist's adaptation plan (JSON, or the page for Accept: text/html).", ApiCaller.PracticeOrCoordinator, null,
            R((200, Body<PlanView>()), (404, Problem))),

        new(nameof(ReleaseFormFunctions.ShowReleaseForm), "get", ApiRoutes.ReleaseForm, "The oncologist's release form.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(ReleaseFormFunctions.SubmitReleaseForm), "post", ApiRoutes.ReleaseForm, "The oncologist's release decision.", ApiCaller.SignedLink, FormBody,
            R((200, Page), (400, Page), (404, Page), (409, Page), (410, Page), (413, Problem), (415, Problem))),
        new(nameof(ReleaseFormFunctions.ShowMdQuestionForm), "get", ApiRoutes.MdQuestionForm, "The oncologist's answer form for a plan on hold.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(ReleaseFormFunctions.SubmitMdQuestionForm), "post", ApiRoutes.MdQuestionForm, "The oncologist's answer for a plan on hold.", ApiCaller.SignedLink, FormBody,
            R((200, Page), (400, Page), (404, Page), (409, Page), (410, Page), (413, Problem), (415, Problem))),
        new(nameof(IntakeFormFunctions.ShowIntakeForm), "get", ApiRoutes.IntakeForm, "The client's intake form.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(IntakeFormFunctions.SubmitIntakeForm), "post", ApiRoutes.IntakeForm, "The client's intake answers.", ApiCaller.SignedLink, FormBody,
            R((200, Page), (400, Page), (404, Page), (409, Page), (410, Page), (413, Problem), (415, Problem))),
        new(nameof(ConsentFormFunctions.ShowConsentForm), "get", ApiRoutes.ConsentForm, "The client's consent form.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(ConsentFormFunctions.SubmitConsentForm), "post", ApiRoutes.ConsentForm, "The client's signed consent.", ApiCaller.SignedLink, FormBody,
            R((200, Page), (400, Page), (404, Page), (409, Page), (410, Page), (413, Problem), (415, Problem))),
        new(nameof(ConsentFormFunctions.ShowConsentWithdrawal), "get", ApiRoutes.ConsentWithdrawal, "The client's consent withdrawal form.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(ConsentFormFunctions.SubmitConsentWithdrawal), "post", ApiRoutes.ConsentWithdrawal, "The client's consent withdrawal.", ApiCaller.SignedLink, FormBody,
            R((200, Page), (400, Page), (404, Page), (409, Page), (410, Page), (413, Problem), (415, Problem))),
        new(nameof(SurveyFormFunctions.ShowSurveyForm), "get", ApiRoutes.SurveyForm, "The client's follow-up survey.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(SurveyFormFunctions.SubmitSurveyForm), "post", ApiRoutes.SurveyForm, "The client's survey answers.", ApiCaller.SignedLink, FormBody,
            R((200, Page), (400, Page), (404, Page), (409, Page), (410, Page), (413, Problem), (415, Problem))),
        new(nameof(CareTeamSummaryFunctions.ShowCareTeamSummary), "get", ApiRoutes.CareTeamSummary, "The care team's summary page.", ApiCaller.SignedLink, null,
            R((200, Page), (404, Page), (409, Page), (410, Page))),
        new(nameof(CalendarFunctions.GetSessionInvite), "get", ApiRoutes.SessionInvite, "A booked session's calendar invite (iCalendar; METHOD:CANCEL once it no longer holds).", ApiCaller.SignedLink, null,
            R((200, new ApiBody("text/calendar")), (404, Page), (410, Page))),

        new(nameof(SmsWebhookFunctions.ReceiveSms), "post", ApiRoutes.SmsInbound, "Twilio's inbound-text webhook; answers TwiML.", ApiCaller.TwilioSignature, FormBody,
            R((200, new ApiBody(Xml)), (400, Validation), (403, Problem), (404, Problem), (413, Problem), (415, Problem))),
        new(nameof(SmsWebhookFunctions.ReceiveSmsStatus), "post", ApiRoutes.SmsStatus, "Twilio's delivery-status callback.", ApiCaller.TwilioSignature, FormBody,
            R((204, null), (400, Validation), (403, Problem), (404, Problem), (413, Problem), (415, Problem))),
        new(nameof(EmailEventFunctions.ReceiveEmailEvents), "post", ApiRoutes.EmailEvents, "SendGrid's signed event webhook: a JSON array of events.", ApiCaller.SendGridSignature, new ApiBody(Json),
            R((204, null), (400, Problem), (403, Problem), (404, Problem), (413, Problem))),
    ];

    private static Dictionary<int, ApiBody?> R(params (int Status, ApiBody? Body)[] responses) =>
        responses.ToDictionary(r => r.Status, r => r.Body);
}
