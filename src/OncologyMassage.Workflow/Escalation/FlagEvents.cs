namespace OncologyMassage.Workflow.Escalation;

/// <summary>
/// The external event a flag's escalation (<see cref="Orchestrations.FlagEscalationOrchestration"/>, instance id
/// <see cref="RedFlags.InstanceId"/>) waits for. Its payload carries ids and a time only: the coordinator's note is in the
/// flag row, never in the task hub's history.
/// </summary>
public static class FlagEvents
{
    /// <summary>A coordinator acknowledged the flag (stored in IRedFlagStore first). Payload: <see cref="FlagAcknowledged"/>.</summary>
    public const string Acknowledged = "FlagAcknowledged";
}

/// <summary>Payload of <see cref="FlagEvents.Acknowledged"/>: which coordinator (id), when.</summary>
public sealed record FlagAcknowledged(string CoordinatorId, DateTimeOffset At);
