using Microsoft.Azure.Functions.Worker;
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
}
