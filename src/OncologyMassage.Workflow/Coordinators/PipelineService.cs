using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>
/// GET /api/pipeline: counts per stage, stuck counts, and one page of referrals with their age, next step, stuck state,
/// flags and the actions that fit their stage. The benchmark calls this same code.
/// </summary>
public sealed class PipelineService(IPipelineStore store, IOptions<PipelineOptions> options, TimeProvider clock)
{
    /// <summary>The pipeline; <paramref name="since"/> keeps referrals that entered their stage at or after it (newest first), counts stay whole.</summary>
    public async Task<PipelineView> GetAsync(
        string venueId, Stage? stage, bool stuckOnly, DateTimeOffset? since, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expected = options.Value.ExpectedDurations;
        var thresholds = expected
            .Where(e => stage is null || e.Key == stage)
            .ToDictionary(e => e.Key, e => now - e.Value);

        // Counts and stuck counts in one read of the venue's counts, alongside the page; a stage with none costs nothing.
        var countsTask = store.GetCountsAsync(venueId, expected.ToDictionary(e => e.Key, e => now - e.Value), PipelineOptions.StuckCountCap, cancellationToken);
        var pageTask = stuckOnly && thresholds.Count == 0
            ? Task.FromResult(new PipelinePage([], null)) // nothing can be stuck in this stage
            : store.GetPageAsync(new PipelineQuery(venueId, stage, stuckOnly ? thresholds : null, pageSize, continuationToken, since), cancellationToken);
        var counts = await countsTask;
        var page = await pageTask;

        return new PipelineView(
            venueId,
            counts.Counts.Where(c => c.Value > 0).OrderBy(c => c.Key).ToDictionary(c => c.Key.ToString(), c => c.Value),
            counts.Stuck.Where(s => s.Value > 0).OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(), s => s.Value),
            page.Rows.Select(r => ToItem(r, now, expected)).ToArray(),
            page.ContinuationToken);
    }

    private static PipelineItem ToItem(PipelineRow row, DateTimeOffset now, Dictionary<Stage, TimeSpan> expected)
    {
        var age = now - row.EnteredAt;
        long? overdue = expected.TryGetValue(row.Stage, out var limit) && age > limit ? (long)(age - limit).TotalSeconds : null;
        var flags = row.Stage == Stage.NeedsMdInput && !row.Flags.Contains(ReferralFlagKind.NeedsMdInput)
            ? [.. row.Flags, ReferralFlagKind.NeedsMdInput]
            : row.Flags;
        return new PipelineItem(row.ReferralId, row.VenueId, row.Initials, row.Stage, row.EnteredAt, (long)Math.Max(0, age.TotalSeconds),
            row.Stage.NextStep(), overdue is not null, overdue, flags, CoordinatorActions.For(row.Stage));
    }
}

/// <summary>The pipeline response (see the coordinator API contract).</summary>
public sealed record PipelineView(
    string Venue,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, int> StuckCounts,
    IReadOnlyList<PipelineItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

public sealed record PipelineItem(
    string ReferralId,
    string VenueId,
    string Initials,
    Stage Stage,
    DateTimeOffset EnteredStageAt,
    long AgeInStageSeconds,
    string NextStep,
    bool Stuck,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? OverdueSeconds,
    IReadOnlyList<ReferralFlagKind> Flags,
    IReadOnlyList<CoordinatorAction> Actions);
