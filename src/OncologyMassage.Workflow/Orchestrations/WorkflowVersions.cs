namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// The versions of the referral orchestration's *history shape* (docs/decisions/0009-orchestration-versioning.md).
/// An instance keeps the version it started with (it travels in <see cref="ReferralWorkflowInput.Version"/>) and the code
/// takes that version's path on every replay, so an instance started by an older release still replays after an upgrade.
/// At a continue-as-new (the next session of a series) the history starts afresh and the instance moves to
/// <see cref="Current"/>.
/// <para>
/// A release that changes what the orchestration schedules (an activity, timer, event wait or sub-orchestration added,
/// removed or reordered) adds a constant here, raises <see cref="Current"/>, and guards the change with
/// <c>journey.Supports(WorkflowVersions.X)</c>. Changes inside activities need no version.
/// </para>
/// </summary>
public static class WorkflowVersions
{
    /// <summary>Instances started before versions were recorded: their input has no version.</summary>
    public const int Unversioned = 1;

    /// <summary>An answer on the intake form or a withdrawal reason is screened for red flags once it arrives (ScreenFormAnswer).</summary>
    public const int FormAnswersScreened = 2;

    /// <summary>
    /// A booked session waits for its record *or* a reschedule (<see cref="WorkflowEvents.SessionRescheduled"/>); a reschedule
    /// sends the new confirmation and re-arms the reminder and the record-grace timer for the new slot.
    /// </summary>
    public const int SessionsRescheduled = 3;

    /// <summary>The version new instances start on.</summary>
    public const int Current = SessionsRescheduled;
}
