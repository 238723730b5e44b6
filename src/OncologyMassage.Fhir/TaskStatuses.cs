using OncologyMassage.Domain.Referrals;
using FhirTaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace OncologyMassage.Fhir;

/// <summary>
/// The referral's stage as BSeR's Task.status (the same table is in docs/fhir.md); the stage itself travels as
/// Task.businessStatus. Every stage has exactly one row (a test checks it).
/// </summary>
public static class TaskStatuses
{
    public static IReadOnlyDictionary<Stage, FhirTaskStatus> ByStage { get; } = new Dictionary<Stage, FhirTaskStatus>
    {
        [Stage.Received] = FhirTaskStatus.Received,
        [Stage.MdReleaseRequested] = FhirTaskStatus.Accepted,
        [Stage.NeedsMdInput] = FhirTaskStatus.OnHold,
        [Stage.IntakePending] = FhirTaskStatus.Accepted,
        [Stage.SchedulingPending] = FhirTaskStatus.Accepted,
        [Stage.ConsentPending] = FhirTaskStatus.Accepted,
        [Stage.SessionScheduled] = FhirTaskStatus.InProgress,
        [Stage.SessionCompleted] = FhirTaskStatus.InProgress,
        [Stage.FollowUp] = FhirTaskStatus.InProgress,
        [Stage.CareTeamFeedback] = FhirTaskStatus.InProgress,
        [Stage.Completed] = FhirTaskStatus.Completed,
        [Stage.Declined] = FhirTaskStatus.Rejected,
        [Stage.Expired] = FhirTaskStatus.Failed,
        [Stage.Cancelled] = FhirTaskStatus.Cancelled,
        [Stage.Withdrawn] = FhirTaskStatus.Cancelled,
    };

    public static FhirTaskStatus Of(Stage stage) => ByStage[stage];

    /// <summary>The stage as a code: kebab-case of its name (<c>md-release-requested</c>).</summary>
    public static string Code(Stage stage) =>
        string.Concat(stage.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
