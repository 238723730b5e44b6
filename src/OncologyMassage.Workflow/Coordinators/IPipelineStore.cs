using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>
/// The coordinators' read model: per venue, each stage's referrals in the order they entered it, and the stage counts,
/// both maintained on every stage move. Nothing here counts or scans rows, so the cost of a page does not grow with the
/// number of referrals a venue has.
/// </summary>
public interface IPipelineStore
{
    /// <summary>
    /// Referrals per stage at the venue and, per stage of <paramref name="stuckCutoffs"/> that has any, those that entered
    /// it at or before the given time, counted up to <paramref name="stuckCap"/> (stages with none are left out of both).
    /// </summary>
    Task<PipelineCounts> GetCountsAsync(
        string venueId, IReadOnlyDictionary<Stage, DateTimeOffset> stuckCutoffs, int stuckCap, CancellationToken cancellationToken);

    /// <summary>One page of the venue's referrals: stage by stage in pipeline order, oldest in the stage first.</summary>
    Task<PipelinePage> GetPageAsync(PipelineQuery query, CancellationToken cancellationToken);
}

/// <summary>Counts per stage, and stuck counts per stage (capped), read together.</summary>
public sealed record PipelineCounts(IReadOnlyDictionary<Stage, int> Counts, IReadOnlyDictionary<Stage, int> Stuck)
{
    public static IReadOnlyDictionary<Stage, DateTimeOffset> NoStuckCounts { get; } = new Dictionary<Stage, DateTimeOffset>();
}

/// <summary>
/// A page request. <see cref="EnteredBefore"/> keeps only rows that entered their stage at or before the given time
/// per stage (the stuck filter); with a <see cref="Stage"/> it has at most that one entry. <see cref="EnteredSince"/>
/// keeps only rows that entered their stage at or after that time, and lists each stage newest first.
/// </summary>
public sealed record PipelineQuery(
    string VenueId,
    Stage? Stage,
    IReadOnlyDictionary<Stage, DateTimeOffset>? EnteredBefore,
    int PageSize,
    string? ContinuationToken,
    DateTimeOffset? EnteredSince = null);

public sealed record PipelinePage(IReadOnlyList<PipelineRow> Rows, string? ContinuationToken);

/// <summary>One referral on the board: enough for the pipeline without reading the referral.</summary>
public sealed record PipelineRow(string ReferralId, string VenueId, string Initials, Stage Stage, DateTimeOffset EnteredAt, IReadOnlyList<ReferralFlagKind> Flags);

/// <summary>The continuation token could not be used (malformed or from another query).</summary>
public sealed class InvalidContinuationTokenException(string message, Exception? inner = null) : Exception(message, inner);
