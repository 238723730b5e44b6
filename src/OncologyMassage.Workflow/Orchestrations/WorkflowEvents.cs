namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>Names of the external events orchestrations wait for.</summary>
public static class WorkflowEvents
{
    /// <summary>The oncologist approved, approved with restrictions, or declined the release. Payload: <see cref="ReleaseDecision"/>.</summary>
    public const string ReleaseDecided = nameof(ReleaseDecided);
}
