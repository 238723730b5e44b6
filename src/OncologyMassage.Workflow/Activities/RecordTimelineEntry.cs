using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="RecordTimelineEntry"/>.</summary>
public sealed record TimelineNote(string ReferralId, TimelineEntry Entry);

/// <summary>Adds a non-stage entry (a decision, a note) to a referral's timeline; idempotent by sequence.</summary>
public sealed class RecordTimelineEntry(IReferralStore store) : IActivity<TimelineNote, bool>
{
    public async Task<bool> RunAsync(TimelineNote input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.AppendTimelineAsync(input.ReferralId, input.Entry, cancellationToken);
        return true;
    }
}
