using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow;

/// <summary>
/// The one list of orchestrators and activities. The local engine registers exactly these; a test checks that the
/// Functions app has exactly one wrapper of the same name for each, and that functions.metadata lists them.
/// </summary>
public static class WorkflowRegistry
{
    public static IReadOnlyList<OrchestratorRegistration> Orchestrators { get; } =
    [
        OrchestratorRegistration.For<ReferralOrchestration>(),
        OrchestratorRegistration.For<FlagEscalationOrchestration>(),
    ];

    public static IReadOnlyList<ActivityRegistration> Activities { get; } =
    [
        ActivityRegistration.For<RecordStageChange, Ports.StageChange, Domain.Referrals.Stage>(),
        ActivityRegistration.For<RecordTimelineEntry, TimelineNote, bool>(),
        ActivityRegistration.For<SendMdReleaseRequest, MdReleaseRequestMessage, Messaging.DispatchOutcome>(),
        ActivityRegistration.For<NotifyCoordinator, CoordinatorNotice, Messaging.DispatchOutcome>(),
        ActivityRegistration.For<SendClientMessage, ClientMessage, ClientDelivery>(),
        ActivityRegistration.For<ProcessClientReply, ReplyToProcess, ReplyOutcome>(),
        ActivityRegistration.For<CloseFollowUp, FollowUpWindowClosed, bool>(),
        ActivityRegistration.For<ScreenSessionReaction, SessionReaction, ReactionOutcome>(),
        ActivityRegistration.For<ScreenFormAnswer, FormAnswerToScreen, Domain.Replies.RedFlagLevel>(),
        ActivityRegistration.For<BuildAdaptationPlan, PlanInput, PlanOutcome>(),
        ActivityRegistration.For<OfferSlots, SlotRequest, IReadOnlyList<OfferedSlot>>(),
        ActivityRegistration.For<BookSlot, SlotBooking, bool>(),
        ActivityRegistration.For<CloseReferral, ReferralClosing, bool>(),
        ActivityRegistration.For<SendCareTeamSummary, CareTeamSummaryMessage, Messaging.DispatchOutcome>(),
        ActivityRegistration.For<CheckCareTeamContactAllowed, CareTeamContactQuery, bool>(),
        ActivityRegistration.For<RaiseRedFlag, RedFlagToRaise, string>(),
        ActivityRegistration.For<SendFlagAlert, FlagAlert, Messaging.DispatchOutcome>(),
    ];

    /// <summary>Registers every activity class for DI (scoped: one instance per activity execution).</summary>
    public static IServiceCollection AddWorkflowActivities(this IServiceCollection services)
    {
        services.AddScoped<ReferralContext>();
        services.TryAddSingleton<Ports.IReferralWorkflowClient, Durable.DurableReferralWorkflowClient>(); // each host registers its Durable.IDurableClientSource
        foreach (var activity in Activities)
        {
            services.AddScoped(activity.ActivityType);
        }

        return services;
    }
}

/// <summary>An orchestrator class and how to create it (orchestrators are stateless per episode: a new one each time).</summary>
public sealed record OrchestratorRegistration(string Name, Type OrchestratorType, Func<ITaskOrchestrator> Create)
{
    public static OrchestratorRegistration For<TOrchestrator>()
        where TOrchestrator : ITaskOrchestrator, new() => new(typeof(TOrchestrator).Name, typeof(TOrchestrator), () => new TOrchestrator());
}

/// <summary>An activity class and a factory for a Durable Task activity that resolves it from DI for each execution.</summary>
public sealed record ActivityRegistration(string Name, Type ActivityType, Type InputType, Type OutputType, Func<IServiceProvider, ITaskActivity> Create)
{
    public static ActivityRegistration For<TActivity, TInput, TOutput>()
        where TActivity : class, IActivity<TInput, TOutput> =>
        new(typeof(TActivity).Name, typeof(TActivity), typeof(TInput), typeof(TOutput), services => new ScopedActivity<TActivity, TInput, TOutput>(services));

    private sealed class ScopedActivity<TActivity, TInput, TOutput>(IServiceProvider services) : TaskActivity<TInput, TOutput>
        where TActivity : class, IActivity<TInput, TOutput>
    {
        public override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TActivity>().RunAsync(input, CancellationToken.None);
        }
    }
}
