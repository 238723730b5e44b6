using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Sessions as the therapist recorded them and the client's follow-up answers (table <c>Sessions</c>, partition =
/// referral). Outcomes are stored as given and never imputed: a follow-up with no reply is stored as such.
/// </summary>
public interface ISessionStore
{
    /// <summary>Stores the session record; false when that session number was recorded before.</summary>
    Task<bool> TryRecordSessionAsync(SessionRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>
    /// Session <paramref name="sessionNumber"/> of the referral, or null. A session is written once, so a store may answer
    /// from a copy of what it wrote or read a moment ago (the activity that screens a session follows its record in seconds).
    /// </summary>
    async Task<SessionRecord?> GetSessionAsync(string referralId, int sessionNumber, CancellationToken cancellationToken) =>
        (await ListSessionsAsync(referralId, cancellationToken)).FirstOrDefault(s => s.SessionNumber == sessionNumber);

    /// <summary>
    /// The venue's outcome totals (outcome view): every session recorded there and every follow-up of its referrals,
    /// counted once each as they were recorded, so reading them costs the same whatever the venue's size.
    /// </summary>
    Task<OutcomeTotals> GetVenueOutcomesAsync(string venueId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a follow-up result unless one with the same id exists (idempotent), and counts it in the outcome totals
    /// of <paramref name="venueId"/> (none when the venue is not known). True when this call stored
    /// <paramref name="record"/>; false when an earlier result with its id stands.
    /// </summary>
    Task<bool> RecordFollowUpAsync(FollowUpRecord record, string? venueId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FollowUpRecord>> ListFollowUpsAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>The follow-up result stored under <paramref name="followUpId"/>, or null; written once, like a session (<see cref="GetSessionAsync"/>).</summary>
    async Task<FollowUpRecord?> GetFollowUpAsync(string referralId, string followUpId, CancellationToken cancellationToken) =>
        (await ListFollowUpsAsync(referralId, cancellationToken)).FirstOrDefault(f => f.FollowUpId == followUpId);
}

/// <summary>
/// One session as the therapist recorded it: the adaptations actually used, pre/post 0–10 scores, reactions, notes.
/// </summary>
public sealed record SessionRecord(
    string ReferralId,
    string VenueId,
    int SessionNumber,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    int PressureUsed,
    IReadOnlyList<string> SitesAvoided,
    string Position,
    SymptomRatings Pre,
    SymptomRatings Post,
    string? Reactions,
    string? Notes)
{
    public SessionOutcome ToOutcome() => new(ReferralId, $"{ReferralId}:{SessionNumber}", VenueId, RecordedAt, Pre, Post);
}

/// <summary>
/// The result of one follow-up (+24 h SMS, +7 d email survey, +30 d SMS) after session <see cref="SessionNumber"/>.
/// <see cref="Replied"/> false means no reply arrived within the window: ratings stay empty, never zero.
/// </summary>
public sealed record FollowUpRecord(
    string ReferralId,
    string FollowUpId,
    int SessionNumber,
    FollowUpKind Kind,
    bool Replied,
    DateTimeOffset RecordedAt,
    IReadOnlyList<FollowUpRating> Ratings,
    string? Text,
    RedFlagLevel RedFlag);

public enum FollowUpKind
{
    Sms24Hours,
    Email7Days,
    Sms30Days,
}
