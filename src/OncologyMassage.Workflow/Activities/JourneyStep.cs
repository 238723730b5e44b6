using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// Where on the timeline an activity writes: the orchestration's next sequence number, its current time and stage.
/// Sequence numbers make every timeline write idempotent when an activity runs twice.
/// </summary>
public sealed record JourneyStep(int Sequence, DateTimeOffset At, Stage Stage);
