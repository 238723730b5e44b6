using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Workflow.Ports;

/// <summary>Referral state in Table Storage: the referral row, the stage index (by venue) and the timeline.</summary>
public interface IReferralStore
{
    /// <summary>Inserts a new referral in stage <see cref="Stage.Received"/>; false when the id already exists.</summary>
    Task<bool> TryCreateAsync(ReferralRecord record, CancellationToken cancellationToken);

    Task<ReferralRecord?> GetAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>
    /// The referral for what never changes after submission (<see cref="ReferralRecord.Referral"/>: the client, venue and
    /// service; the id, practice and creation time). A store may answer it from a copy it read or wrote a moment ago, so
    /// <see cref="ReferralRecord.Stage"/> and the other columns that change may be stale: read <see cref="GetAsync"/> when
    /// they matter. Activities use it; the orchestration knows the stage.
    /// </summary>
    Task<ReferralRecord?> GetFactsAsync(string referralId, CancellationToken cancellationToken) => GetAsync(referralId, cancellationToken);

    /// <summary>
    /// The referrals still in <see cref="Stage.Received"/> whose ids were created in [<paramref name="createdFrom"/>,
    /// <paramref name="createdUntil"/>] (ids are time-ordered: a key range, not a scan of every referral).
    /// </summary>
    Task<IReadOnlyList<ReferralRecord>> ListReceivedAsync(DateTimeOffset createdFrom, DateTimeOffset createdUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a stage move: the referral row (only if its sequence is older), then the stage index, then the timeline,
    /// each idempotent so that a replayed or re-delivered activity writes nothing twice.
    /// </summary>
    Task ApplyStageChangeAsync(StageChange change, CancellationToken cancellationToken);

    /// <summary>Adds a timeline entry unless one with the same sequence exists.</summary>
    Task AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an entry written outside the orchestration (webhooks, coordinator actions) once per <paramref name="eventKey"/>
    /// (e.g. a Twilio MessageSid). It is stored apart from the orchestration's sequence numbers, takes the referral's
    /// current stage, and is ordered with the others by time.
    /// </summary>
    Task AppendExternalTimelineAsync(string referralId, string eventKey, DateTimeOffset at, TimelineKind kind, string detail, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string referralId, CancellationToken cancellationToken);
}
