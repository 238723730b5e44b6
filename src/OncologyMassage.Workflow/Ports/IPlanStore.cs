using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// The adaptation plan for a referral (table <c>Plans</c>): the latest version is what the therapist sees. A new version
/// is written when the intake arrives and again when the oncologist answers a hold.
/// </summary>
public interface IPlanStore
{
    /// <summary>Writes the plan as <paramref name="record"/>.Version unless that version exists (idempotent).</summary>
    Task SaveAsync(PlanRecord record, CancellationToken cancellationToken);

    Task<PlanRecord?> GetLatestAsync(string referralId, CancellationToken cancellationToken);
}

/// <summary>
/// A computed plan. <see cref="Basis"/> says what it was computed from (e.g. "release restrictions and intake of
/// 2026-11-25"); <see cref="HoldsClearedBy"/> names the physician who answered the holds, when they did.
/// </summary>
public sealed record PlanRecord(string ReferralId, int Version, AdaptationPlan Plan, DateTimeOffset CreatedAt, string Basis)
{
    public string? HoldsClearedBy { get; init; }
}
