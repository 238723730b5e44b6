using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Referrals;

/// <summary>What GET /api/referrals/{id} answers: where the referral stands, without clinical detail.</summary>
public sealed record ReferralView(
    string Id,
    Stage Stage,
    string VenueId,
    ServiceType Service,
    string ClientInitials,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string NextExpectedStep,
    string? ClosedReason,
    string? WorkflowStatus)
{
    public static ReferralView From(ReferralRecord record, string? workflowStatus)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.Stage, record.Referral.VenueId, record.Referral.Service, record.Referral.Client.Initials,
            record.CreatedAt, record.UpdatedAt, record.Stage.NextStep(), record.ClosedReason, workflowStatus);
    }
}
