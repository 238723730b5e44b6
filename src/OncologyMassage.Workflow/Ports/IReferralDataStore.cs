namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// A referral's rows across every table the app owns, for the data lifecycle (docs/privacy.md): erase them, find the
/// closed referrals that retention or purge are due for, and read what the other stores do not list (every plan version,
/// every answer to a hold question) for an export.
/// </summary>
public interface IReferralDataStore
{
    /// <summary>
    /// Deletes every row of the referral except its referral row and its audit entries: board entry (counts kept right),
    /// venue outcome markers (totals taken back), bookings, phone index (and the number's opt-out row once no referral of
    /// the number is left), outbox and its provider index, idempotency keys, and every row partitioned by the referral id
    /// in any table. Finds the rows by the referral id alone, so a rerun after a crash halfway finishes the job.
    /// </summary>
    /// <returns>How many rows it deleted.</returns>
    Task<int> EraseRowsAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>Deletes the referral row itself: the last step of an erase, so a rerun still finds the referral.</summary>
    Task<bool> DeleteReferralAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>Closed referrals whose last activity (their last stage move) was before <paramref name="before"/>.</summary>
    IAsyncEnumerable<ClosedReferral> ListClosedAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Every version of the referral's adaptation plan, oldest first.</summary>
    Task<IReadOnlyList<PlanRecord>> ListPlansAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>The release and every answer to a hold question, oldest first.</summary>
    Task<IReadOnlyList<ReleaseRecord>> ListReleasesAsync(string referralId, CancellationToken cancellationToken);
}

/// <summary>A closed referral and when it last changed.</summary>
public sealed record ClosedReferral(string ReferralId, OncologyMassage.Domain.Referrals.Stage Stage, DateTimeOffset LastActivityAt);
