namespace OncologyMassage.Workflow.Options;

/// <summary>
/// The durations an orchestration instance runs with, fixed when it starts (deterministic on replay). Properties missing
/// from an older instance's stored input keep the clinic defaults below.
/// </summary>
public sealed record WorkflowTimings(TimeSpan ReleaseReminderAfter, TimeSpan ReleaseExpiresAfter, TimeSpan ActivityRetryInterval)
{
    public TimeSpan MdQuestionExpiresAfter { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan IntakeReminderAfter { get; init; } = TimeSpan.FromDays(2);

    public TimeSpan IntakeExpiresAfter { get; init; } = TimeSpan.FromDays(14);

    public TimeSpan SchedulingReminderAfter { get; init; } = TimeSpan.FromDays(2);

    public TimeSpan SchedulingExpiresAfter { get; init; } = TimeSpan.FromDays(14);

    public TimeSpan ConsentReminderAfter { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan SessionReminderBefore { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan SessionRecordGrace { get; init; } = TimeSpan.FromDays(2);

    public TimeSpan FirstFollowUpAfter { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan SecondFollowUpAfter { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan ThirdFollowUpAfter { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan FollowUpReplyWindow { get; init; } = TimeSpan.FromDays(2);

    public TimeSpan QuietHoursStart { get; init; } = TimeSpan.FromHours(21);

    public TimeSpan QuietHoursEnd { get; init; } = TimeSpan.FromHours(8);

    public TimeSpan SummaryLinkValidFor { get; init; } = TimeSpan.FromDays(14);
}
