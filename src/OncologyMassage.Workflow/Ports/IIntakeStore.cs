using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// The client's intake evaluation (table <c>Intakes</c>). One per referral: the insert is what makes an intake link
/// single-use. Clinical content lives here and in the plan, never in orchestration history, messages or logs.
/// </summary>
public interface IIntakeStore
{
    /// <summary>Stores the intake; false when one was stored before.</summary>
    Task<bool> TryRecordAsync(IntakeRecord record, CancellationToken cancellationToken);

    Task<IntakeRecord?> GetAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>Deletes the stored intake (for erasure). Never used to take an answer back: see AnswerRelay.</summary>
    Task DeleteAsync(string referralId, CancellationToken cancellationToken);
}

public sealed record IntakeRecord(string ReferralId, Intake Intake, DateTimeOffset SubmittedAt);
