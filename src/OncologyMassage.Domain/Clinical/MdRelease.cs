namespace OncologyMassage.Domain.Clinical;

/// <summary>The clinical content of an MD release (identity, signature and contact live with the referral).</summary>
/// <param name="Decision">No contraindications, modify as follows, or not advisable.</param>
public sealed record MdRelease(MdReleaseDecision Decision)
{
    /// <summary>The restrictions for <see cref="MdReleaseDecision.ModifyAsFollows"/>.</summary>
    public MdRestrictions? Restrictions { get; init; }

    /// <summary>Precautions the physician coded on the release.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Why the service is not advisable, when it is not.</summary>
    public string? Reason { get; init; }

    /// <summary>Free-text recommendations, shown on the plan verbatim.</summary>
    public string? Recommendations { get; init; }

    /// <summary>Physician's name, used as the cause of restrictions.</summary>
    public string? PhysicianName { get; init; }
}
