namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Signed informed consent (table <c>Consents</c>): one per referral; the insert makes a consent link single-use.
/// A withdrawal is recorded on the same row and stops the journey.
/// </summary>
public interface IConsentStore
{
    /// <summary>Stores the signature; false when the referral signed before.</summary>
    Task<bool> TryRecordAsync(ConsentRecord record, CancellationToken cancellationToken);

    Task<ConsentRecord?> GetAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>Marks the consent withdrawn; false when there is none or it was withdrawn before.</summary>
    Task<bool> TryWithdrawAsync(string referralId, DateTimeOffset at, string? reason, CancellationToken cancellationToken);

    /// <summary>Deletes the stored signature (for erasure). Never used to take an answer back: see AnswerRelay.</summary>
    Task DeleteAsync(string referralId, CancellationToken cancellationToken);
}

/// <summary>What the client signed: document version and SHA-256 of its text, when, by whom, from where.</summary>
public sealed record ConsentRecord(
    string ReferralId,
    string VenueId,
    string DocumentVersion,
    string DocumentSha256,
    DateTimeOffset SignedAt,
    string SignerName,
    string? SignerIp,
    string? SignerUserAgent)
{
    public DateTimeOffset? WithdrawnAt { get; init; }

    public string? WithdrawalReason { get; init; }

    /// <summary>For an in-home venue: the visit address the client confirmed when signing.</summary>
    public string? VisitAddress { get; init; }
}
