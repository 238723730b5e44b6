using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// The MD release as signed on the form, with who signed it, when and from where. One per referral: the insert is what
/// makes a release link single-use.
/// </summary>
public interface IReleaseStore
{
    /// <summary>Stores the release; false when one was stored before (the link was used already).</summary>
    Task<bool> TryRecordAsync(ReleaseRecord record, CancellationToken cancellationToken);

    Task<ReleaseRecord?> GetAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>The answer to one hold question (<see cref="ReleaseRecord.QuestionKey"/>), if given.</summary>
    Task<ReleaseRecord?> GetAnswerAsync(string referralId, string questionKey, CancellationToken cancellationToken);

    /// <summary>Deletes a stored release or hold answer (for erasure). Never used to take an answer back: see AnswerRelay.</summary>
    Task DeleteAsync(string referralId, string? questionKey, CancellationToken cancellationToken);
}

/// <summary>A signed release: the decision plus the signature evidence.</summary>
public sealed record ReleaseRecord(string ReferralId, ReleaseDecision Decision, DateTimeOffset SignedAt, string? SignerIp, string? SignerUserAgent)
{
    /// <summary>Null for the release itself; for an answer to a hold question, the question's key (one answer per question).</summary>
    public string? QuestionKey { get; init; }
}

/// <summary>Keys of the oncologist's answers, shared by the form, the orchestration and the stores.</summary>
public static class ReleaseAnswers
{
    /// <summary>One answer per hold question: a question is identified by its link's deadline, unique per question asked.</summary>
    public static string QuestionKey(DateTimeOffset respondBy) =>
        respondBy.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
