namespace OncologyMassage.Domain.Clinical;

/// <summary>What a hold asks of the clinic. Every kind stops scheduling until it is resolved.</summary>
public enum HoldKind
{
    /// <summary>Ask the MD a specific question about the plan before scheduling.</summary>
    NeedsMdInput,

    /// <summary>Postpone the session and tell the care team (fever, active infection).</summary>
    Defer,

    /// <summary>Refer the client to their care team the same day (e.g. calf signs after a clot).</summary>
    SameDayReferral,

    /// <summary>Emergency: the client should call the triage line or emergency services now.</summary>
    Emergency,

    /// <summary>The MD marked the service as not advisable.</summary>
    NotAdvisable,
}
