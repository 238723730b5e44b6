using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Privacy;

/// <summary>
/// Everything stored about a client's referral, as one JSON document (schema: docs/privacy.md, "Export"). Fields are
/// only ever added within a <see cref="SchemaVersion"/>; a removed or renamed field raises it.
/// </summary>
public sealed record ReferralExportDocument(
    int SchemaVersion,
    DateTimeOffset ExportedAt,
    string ReferralId,
    ReferralRecord Referral,
    IReadOnlyList<ReleaseRecord> Releases,
    IntakeRecord? Intake,
    IReadOnlyList<PlanRecord> Plans,
    ConsentRecord? Consent,
    Booking? Booking,
    IReadOnlyList<SessionRecord> Sessions,
    IReadOnlyList<FollowUpRecord> FollowUps,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OutboxRow> Messages,
    IReadOnlyList<AuditEntry> Audit)
{
    /// <summary>The referral's red flags: level, source reply id, when opened, who acknowledged them, when and with what note.</summary>
    public IReadOnlyList<RedFlagRecord> RedFlags { get; init; } = [];

    /// <summary>The schema this code writes.</summary>
    public const int CurrentSchemaVersion = 1;
}
