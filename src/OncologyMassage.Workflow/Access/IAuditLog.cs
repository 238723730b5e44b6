namespace OncologyMassage.Workflow.Access;

/// <summary>
/// Who read or changed a referral, what and when (table <c>Audit</c>, partition = referral, newest first). Entries
/// name the caller and the action, never clinical content.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The referral's entries, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string referralId, int max, CancellationToken cancellationToken);
}

/// <param name="CallerKind">"practice" or "coordinator".</param>
/// <param name="Action">The function that ran, e.g. "GetReferral" or "CancelReferral".</param>
public sealed record AuditEntry(string ReferralId, string CallerKind, string CallerId, string Action, DateTimeOffset At);
