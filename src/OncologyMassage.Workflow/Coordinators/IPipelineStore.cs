using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>
/// The coordinators' read model: the stage index (partition = venue, one row per referral in its current stage) and
/// per-venue stage counters maintained on every stage move. Nothing here counts rows, so the cost of a page does not
/// grow with the number of referrals a venue has.
/// </summary>
public interface IPipelineStore
{
    /// <summary>Referrals per stage at the venue, from the counter rows (stages with none are left out).</summary>
    Task<IReadOnlyDictionary<Stage, int>> GetCountsAsync(string venueId, CancellationToken cancellationToken);

    /// <summary>One page of the venue's index rows in row-key order (stage, then referral id).</summary>
    Task<PipelinePage> GetPageAsync(PipelineQuery query, CancellationToken cancellationToken);

    /// <summary>Rows of one stage that entered it at or before <paramref name="enteredAtOrBefore"/>, counted up to <paramref name="cap"/>.</summary>
    Task<int> CountEnteredBeforeAsync(string venueId, Stage stage, DateTimeOffset enteredAtOrBefore, int cap, CancellationToken cancellationToken);
}

/// <summary>
/// A page request. <see cref="EnteredBefore"/> keeps only rows that entered their stage at or before the given time
/// per stage (the stuck filter); with a <see cref="Stage"/> it has at most that one entry.
/// </summary>
public sealed record PipelineQuery(
    string VenueId,
    Stage? Stage,
    IReadOnlyDictionary<Stage, DateTimeOffset>? EnteredBefore,
    int PageSize,
    string? ContinuationToken);

public sealed record PipelinePage(IReadOnlyList<PipelineRow> Rows, string? ContinuationToken);

/// <summary>One stage index row: enough for the board without reading the referral.</summary>
public sealed record PipelineRow(string ReferralId, string VenueId, string Initials, Stage Stage, DateTimeOffset EnteredAt, IReadOnlyList<ReferralFlagKind> Flags);

/// <summary>The continuation token could not be used (malformed or from another query).</summary>
public sealed class InvalidContinuationTokenException(string message, Exception? inner = null) : Exception(message, inner);
