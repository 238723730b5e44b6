using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Open and acknowledged red flags, one row per flag, kept per venue so the dashboard lists a venue's open flags with one
/// partition query. A flag is opened once per (referral, source reply): opening it again changes nothing.
/// </summary>
public interface IRedFlagStore
{
    /// <summary>Stores a new flag; false when a flag with that id exists already (the stored one is kept).</summary>
    Task<bool> TryOpenAsync(RedFlagRecord flag, CancellationToken cancellationToken);

    Task<RedFlagRecord?> GetAsync(string venueId, string flagId, CancellationToken cancellationToken);

    /// <summary>Every flag of one referral, oldest first.</summary>
    Task<IReadOnlyList<RedFlagRecord>> ListForReferralAsync(string venueId, string referralId, CancellationToken cancellationToken);

    /// <summary>A venue's flags not acknowledged yet, oldest first.</summary>
    Task<IReadOnlyList<RedFlagRecord>> ListOpenAsync(string venueId, CancellationToken cancellationToken);

    /// <summary>Records the acknowledgement once (ETag-checked): <see cref="FlagAcknowledgeResult.AlreadyAcknowledged"/> when someone did first.</summary>
    Task<FlagAcknowledgeResult> TryAcknowledgeAsync(string venueId, string flagId, FlagAcknowledgement acknowledgement, CancellationToken cancellationToken);

    /// <summary>Every flag of a referral wherever it is stored (erasure, export): found by the referral id alone.</summary>
    Task<IReadOnlyList<RedFlagRecord>> FindByReferralAsync(string referralId, CancellationToken cancellationToken);
}

/// <summary>
/// One red flag: which referral, how urgent, which reply raised it (its message or follow-up id, never its text), when it
/// opened, and who acknowledged it, when, with what note.
/// </summary>
public sealed record RedFlagRecord(string FlagId, string ReferralId, string VenueId, RedFlagLevel Level, string SourceId, DateTimeOffset OpenedAt)
{
    public FlagAcknowledgement? Acknowledged { get; init; }

    public bool IsOpen => Acknowledged is null;
}

/// <summary>Who acknowledged a flag (coordinator id and display name), when, and their note (what was done).</summary>
public sealed record FlagAcknowledgement(string ById, string ByName, DateTimeOffset At, string? Note);

public enum FlagAcknowledgeResult
{
    Done,
    NotFound,
    AlreadyAcknowledged,
}
