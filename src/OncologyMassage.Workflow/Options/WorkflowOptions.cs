using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// Every duration the workflow waits for. Bound from the <c>Workflow</c> section (app settings <c>Workflow__ReleaseExpiresAfter</c> …),
/// copied into each orchestration's input as <see cref="WorkflowTimings"/> so orchestrators never read configuration.
/// Defaults are the clinic's; tests shrink them to milliseconds and still run the real engine.
/// </summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    private const string Min = "00:00:00.001";
    private const string Max = "365.00:00:00";

    /// <summary>Reminder to the oncologist while the release is undecided (default 2 days; a second reminder follows, then the coordinator is alerted).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan ReleaseReminderAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>When an undecided release closes the referral as Expired (default 14 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan ReleaseExpiresAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>First retry interval of a failed activity (storage or vendor hiccup); later retries back off exponentially.</summary>
    [Range(typeof(TimeSpan), Min, "01:00:00")]
    public TimeSpan ActivityRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the oncologist has to answer a specific question about a plan on hold (default 7 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan MdQuestionExpiresAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Reminder to the client while the intake form is not submitted (default 2 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan IntakeReminderAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>When an intake never submitted closes the referral as Expired (default 14 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan IntakeExpiresAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Slots are offered again (fresh ones) when the client has not chosen after this long (default 2 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan SchedulingReminderAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>When a referral with no slot booked closes as Expired (default 14 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan SchedulingExpiresAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Reminder to sign the consent while it is unsigned (default 1 day); it must be signed before the session starts.</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan ConsentReminderAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long before a session the client is reminded (default 1 day: "the day before").</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan SessionReminderBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After the booked slot ends, how long to wait for the therapist's record before alerting the coordinator (default 2 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan SessionRecordGrace { get; set; } = TimeSpan.FromDays(2);

    /// <summary>First follow-up (SMS, re-rate 0–10) after each session (default 24 hours).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan FirstFollowUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Second follow-up (email survey link) after the last session (default 7 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan SecondFollowUpAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Third follow-up (SMS, any problem since?) after the last session (default 30 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan ThirdFollowUpAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a follow-up waits for a reply before it is recorded as "no reply" (default 2 days).</summary>
    [Range(typeof(TimeSpan), Min, Max)]
    public TimeSpan FollowUpReplyWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Start of quiet hours in the client's time zone: no texts from then (default 21:00).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan QuietHoursStart { get; set; } = TimeSpan.FromHours(21);

    /// <summary>End of quiet hours in the client's time zone (default 08:00). Equal to the start turns quiet hours off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan QuietHoursEnd { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long the care team's summary link stays valid: at most 14 days (the default). The link is a bearer credential
    /// to a client's outcomes; an email kept in an inbox should not open them for months.
    /// </summary>
    [Range(typeof(TimeSpan), Min, MaxSummaryLinkValidFor)]
    public TimeSpan SummaryLinkValidFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The longest a care-team summary link may be valid.</summary>
    public const string MaxSummaryLinkValidFor = "14.00:00:00";

    public WorkflowTimings ToTimings() => new(ReleaseReminderAfter, ReleaseExpiresAfter, ActivityRetryInterval)
    {
        MdQuestionExpiresAfter = MdQuestionExpiresAfter,
        IntakeReminderAfter = IntakeReminderAfter,
        IntakeExpiresAfter = IntakeExpiresAfter,
        SchedulingReminderAfter = SchedulingReminderAfter,
        SchedulingExpiresAfter = SchedulingExpiresAfter,
        ConsentReminderAfter = ConsentReminderAfter,
        SessionReminderBefore = SessionReminderBefore,
        SessionRecordGrace = SessionRecordGrace,
        FirstFollowUpAfter = FirstFollowUpAfter,
        SecondFollowUpAfter = SecondFollowUpAfter,
        ThirdFollowUpAfter = ThirdFollowUpAfter,
        FollowUpReplyWindow = FollowUpReplyWindow,
        QuietHoursStart = QuietHoursStart,
        QuietHoursEnd = QuietHoursEnd,
        SummaryLinkValidFor = SummaryLinkValidFor,
    };
}
