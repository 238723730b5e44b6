using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// What a referral's orchestration starts with. It carries ids, timings and where to resume, never the client's details:
/// those stay in the referral row so that the orchestration history holds no health information.
/// <see cref="ClientTimeZone"/> (IANA) is there for quiet hours: a time zone is not health information.
/// </summary>
public sealed record ReferralWorkflowInput(string ReferralId, string VenueId, WorkflowTimings Timings)
{
    public string? ClientTimeZone { get; init; }

    /// <summary>How many sessions the referral authorises (a series); the orchestration continues as new between sessions.</summary>
    public int SessionsAuthorised { get; init; } = 1;

    /// <summary>
    /// The history shape this instance runs (<see cref="WorkflowVersions"/>): set to <see cref="WorkflowVersions.Current"/>
    /// when it starts or continues as new, and missing (so <see cref="WorkflowVersions.Unversioned"/>) in the input of an
    /// instance started before versions were recorded.
    /// </summary>
    public int Version { get; init; } = WorkflowVersions.Unversioned;

    /// <summary>Null for a new referral; set when the instance continues as new (next session of a series).</summary>
    public JourneyResume? Resume { get; init; }
}

/// <summary>Where a continued instance picks up: the stage it is in, the next session number and the next timeline sequence.</summary>
public sealed record JourneyResume(Stage Stage, int SessionNumber, int NextSequence);
