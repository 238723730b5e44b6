namespace OncologyMassage.Workflow.Options;

/// <summary>The durations an orchestration instance runs with, fixed when it starts (deterministic on replay).</summary>
public sealed record WorkflowTimings(TimeSpan ReleaseReminderAfter, TimeSpan ReleaseExpiresAfter, TimeSpan ActivityRetryInterval);
