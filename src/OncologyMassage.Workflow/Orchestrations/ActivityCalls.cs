using Microsoft.DurableTask;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Typed calls to every activity in <see cref="WorkflowRegistry.Activities"/>: one method per activity, whose input and
/// result are that activity's own <see cref="IActivity{TInput, TOutput}"/> types, so a wrong input fails to compile. The
/// activity name is the class name (<c>nameof</c>), as before: the history the engine keeps is unchanged.
/// Orchestrations call activities only through these (a test scans Orchestrations/ for untyped calls, and another checks
/// these methods against the registry). The durabletask-dotnet source generator would emit the same; it is not served here.
/// </summary>
public static class ActivityCalls
{
    /// <summary>Records a stage move in the referral row, the stage index and the timeline: <see cref="RecordStageChange"/>.</summary>
    public static Task<Stage> CallRecordStageChangeAsync(this TaskOrchestrationContext context, StageChange input, TaskOptions? options = null) =>
        Call<Stage>(context, nameof(RecordStageChange), input, options);

    /// <summary>Writes one timeline entry: <see cref="RecordTimelineEntry"/>.</summary>
    public static Task<bool> CallRecordTimelineEntryAsync(this TaskOrchestrationContext context, TimelineNote input, TaskOptions? options = null) =>
        Call<bool>(context, nameof(RecordTimelineEntry), input, options);

    /// <summary>Emails the oncologist the signed release (or hold-question) link: <see cref="SendMdReleaseRequest"/>.</summary>
    public static Task<DispatchOutcome> CallSendMdReleaseRequestAsync(this TaskOrchestrationContext context, MdReleaseRequestMessage input, TaskOptions? options = null) =>
        Call<DispatchOutcome>(context, nameof(SendMdReleaseRequest), input, options);

    /// <summary>Alerts the venue coordinator: <see cref="NotifyCoordinator"/>.</summary>
    public static Task<DispatchOutcome> CallNotifyCoordinatorAsync(this TaskOrchestrationContext context, CoordinatorNotice input, TaskOptions? options = null) =>
        Call<DispatchOutcome>(context, nameof(NotifyCoordinator), input, options);

    /// <summary>Texts or emails the client: <see cref="SendClientMessage"/>.</summary>
    public static Task<ClientDelivery> CallSendClientMessageAsync(this TaskOrchestrationContext context, ClientMessage input, TaskOptions? options = null) =>
        Call<ClientDelivery>(context, nameof(SendClientMessage), input, options);

    /// <summary>Parses and screens a stored client reply: <see cref="ProcessClientReply"/>.</summary>
    public static Task<ReplyOutcome> CallProcessClientReplyAsync(this TaskOrchestrationContext context, ReplyToProcess input, TaskOptions? options = null) =>
        Call<ReplyOutcome>(context, nameof(ProcessClientReply), input, options);

    /// <summary>Records that a follow-up's reply window closed without an answer: <see cref="CloseFollowUp"/>.</summary>
    public static Task<bool> CallCloseFollowUpAsync(this TaskOrchestrationContext context, FollowUpWindowClosed input, TaskOptions? options = null) =>
        Call<bool>(context, nameof(CloseFollowUp), input, options);

    /// <summary>Screens the reaction the therapist recorded with a session: <see cref="ScreenSessionReaction"/>.</summary>
    public static Task<ReactionOutcome> CallScreenSessionReactionAsync(this TaskOrchestrationContext context, SessionReaction input, TaskOptions? options = null) =>
        Call<ReactionOutcome>(context, nameof(ScreenSessionReaction), input, options);

    /// <summary>Screens a stored web-form answer (intake, withdrawal reason) for red flags: <see cref="ScreenFormAnswer"/>.</summary>
    public static Task<RedFlagLevel> CallScreenFormAnswerAsync(this TaskOrchestrationContext context, FormAnswerToScreen input, TaskOptions? options = null) =>
        Call<RedFlagLevel>(context, nameof(ScreenFormAnswer), input, options);

    /// <summary>Builds one version of the adaptation plan: <see cref="BuildAdaptationPlan"/>.</summary>
    public static Task<PlanOutcome> CallBuildAdaptationPlanAsync(this TaskOrchestrationContext context, PlanInput input, TaskOptions? options = null) =>
        Call<PlanOutcome>(context, nameof(BuildAdaptationPlan), input, options);

    /// <summary>Finds free session slots to offer: <see cref="OfferSlots"/>.</summary>
    public static Task<IReadOnlyList<OfferedSlot>> CallOfferSlotsAsync(this TaskOrchestrationContext context, SlotRequest input, TaskOptions? options = null) =>
        Call<IReadOnlyList<OfferedSlot>>(context, nameof(OfferSlots), input, options);

    /// <summary>Books the slot the client chose (false: taken meanwhile): <see cref="BookSlot"/>.</summary>
    public static Task<bool> CallBookSlotAsync(this TaskOrchestrationContext context, SlotBooking input, TaskOptions? options = null) =>
        Call<bool>(context, nameof(BookSlot), input, options);

    /// <summary>Frees the booking and the phone wait of a referral that ends early: <see cref="CloseReferral"/>.</summary>
    public static Task<bool> CallCloseReferralAsync(this TaskOrchestrationContext context, ReferralClosing input, TaskOptions? options = null) =>
        Call<bool>(context, nameof(CloseReferral), input, options);

    /// <summary>Sends the outcome summary link to the care team: <see cref="SendCareTeamSummary"/>.</summary>
    public static Task<DispatchOutcome> CallSendCareTeamSummaryAsync(this TaskOrchestrationContext context, CareTeamSummaryMessage input, TaskOptions? options = null) =>
        Call<DispatchOutcome>(context, nameof(SendCareTeamSummary), input, options);

    /// <summary>Whether the client allowed contacting their care team: <see cref="CheckCareTeamContactAllowed"/>.</summary>
    public static Task<bool> CallCheckCareTeamContactAllowedAsync(this TaskOrchestrationContext context, CareTeamContactQuery input, TaskOptions? options = null) =>
        Call<bool>(context, nameof(CheckCareTeamContactAllowed), input, options);

    /// <summary>Opens a red flag and starts its escalation: <see cref="RaiseRedFlag"/>.</summary>
    public static Task<string> CallRaiseRedFlagAsync(this TaskOrchestrationContext context, RedFlagToRaise input, TaskOptions? options = null) =>
        Call<string>(context, nameof(RaiseRedFlag), input, options);

    /// <summary>Sends one alert of a red flag's escalation: <see cref="SendFlagAlert"/>.</summary>
    public static Task<DispatchOutcome> CallSendFlagAlertAsync(this TaskOrchestrationContext context, FlagAlert input, TaskOptions? options = null) =>
        Call<DispatchOutcome>(context, nameof(SendFlagAlert), input, options);

    private static Task<TOutput> Call<TOutput>(TaskOrchestrationContext context, string activity, object input, TaskOptions? options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return context.CallActivityAsync<TOutput>(activity, input, options);
    }
}
