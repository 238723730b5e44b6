using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Durable;

/// <summary>Thin wrappers that run each workflow activity class, resolved from DI, under an [ActivityTrigger] of the same name.</summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(nameof(RecordStageChange))]
    public Task<Stage> RunRecordStageChange([ActivityTrigger] StageChange input, CancellationToken cancellationToken) =>
        services.GetRequiredService<RecordStageChange>().RunAsync(input, cancellationToken);

    [Function(nameof(RecordTimelineEntry))]
    public Task<bool> RunRecordTimelineEntry([ActivityTrigger] TimelineNote input, CancellationToken cancellationToken) =>
        services.GetRequiredService<RecordTimelineEntry>().RunAsync(input, cancellationToken);

    [Function(nameof(SendMdReleaseRequest))]
    public Task<DispatchOutcome> RunSendMdReleaseRequest([ActivityTrigger] MdReleaseRequestMessage input, CancellationToken cancellationToken) =>
        services.GetRequiredService<SendMdReleaseRequest>().RunAsync(input, cancellationToken);

    [Function(nameof(NotifyCoordinator))]
    public Task<DispatchOutcome> RunNotifyCoordinator([ActivityTrigger] CoordinatorNotice input, CancellationToken cancellationToken) =>
        services.GetRequiredService<NotifyCoordinator>().RunAsync(input, cancellationToken);

    [Function(nameof(SendClientMessage))]
    public Task<ClientDelivery> RunSendClientMessage([ActivityTrigger] ClientMessage input, CancellationToken cancellationToken) =>
        services.GetRequiredService<SendClientMessage>().RunAsync(input, cancellationToken);

    [Function(nameof(ProcessClientReply))]
    public Task<ReplyOutcome> RunProcessClientReply([ActivityTrigger] ReplyToProcess input, CancellationToken cancellationToken) =>
        services.GetRequiredService<ProcessClientReply>().RunAsync(input, cancellationToken);

    [Function(nameof(CheckCareTeamContactAllowed))]
    public Task<bool> RunCheckCareTeamContactAllowed([ActivityTrigger] CareTeamContactQuery input, CancellationToken cancellationToken) =>
        services.GetRequiredService<CheckCareTeamContactAllowed>().RunAsync(input, cancellationToken);

    [Function(nameof(CloseFollowUp))]
    public Task<bool> RunCloseFollowUp([ActivityTrigger] FollowUpWindowClosed input, CancellationToken cancellationToken) =>
        services.GetRequiredService<CloseFollowUp>().RunAsync(input, cancellationToken);

    [Function(nameof(ScreenSessionReaction))]
    public Task<ReactionOutcome> RunScreenSessionReaction([ActivityTrigger] SessionReaction input, CancellationToken cancellationToken) =>
        services.GetRequiredService<ScreenSessionReaction>().RunAsync(input, cancellationToken);

    [Function(nameof(ScreenFormAnswer))]
    public Task<Domain.Replies.RedFlagLevel> RunScreenFormAnswer([ActivityTrigger] FormAnswerToScreen input, CancellationToken cancellationToken) =>
        services.GetRequiredService<ScreenFormAnswer>().RunAsync(input, cancellationToken);

    [Function(nameof(BuildAdaptationPlan))]
    public Task<PlanOutcome> RunBuildAdaptationPlan([ActivityTrigger] PlanInput input, CancellationToken cancellationToken) =>
        services.GetRequiredService<BuildAdaptationPlan>().RunAsync(input, cancellationToken);

    [Function(nameof(OfferSlots))]
    public Task<IReadOnlyList<OfferedSlot>> RunOfferSlots([ActivityTrigger] SlotRequest input, CancellationToken cancellationToken) =>
        services.GetRequiredService<OfferSlots>().RunAsync(input, cancellationToken);

    [Function(nameof(BookSlot))]
    public Task<bool> RunBookSlot([ActivityTrigger] SlotBooking input, CancellationToken cancellationToken) =>
        services.GetRequiredService<BookSlot>().RunAsync(input, cancellationToken);

    [Function(nameof(CloseReferral))]
    public Task<bool> RunCloseReferral([ActivityTrigger] ReferralClosing input, CancellationToken cancellationToken) =>
        services.GetRequiredService<CloseReferral>().RunAsync(input, cancellationToken);

    [Function(nameof(SendCareTeamSummary))]
    public Task<DispatchOutcome> RunSendCareTeamSummary([ActivityTrigger] CareTeamSummaryMessage input, CancellationToken cancellationToken) =>
        services.GetRequiredService<SendCareTeamSummary>().RunAsync(input, cancellationToken);

    [Function(nameof(RaiseRedFlag))]
    public Task<string> RunRaiseRedFlag([ActivityTrigger] RedFlagToRaise input, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        // The one activity that starts another orchestration: its [DurableClient] binding is what DurableClientMiddleware
        // hands to Workflow's IReferralWorkflowClient for this invocation.
        services.GetRequiredService<RaiseRedFlag>().RunAsync(input, cancellationToken);

    [Function(nameof(SendFlagAlert))]
    public Task<DispatchOutcome> RunSendFlagAlert([ActivityTrigger] FlagAlert input, CancellationToken cancellationToken) =>
        services.GetRequiredService<SendFlagAlert>().RunAsync(input, cancellationToken);
}
