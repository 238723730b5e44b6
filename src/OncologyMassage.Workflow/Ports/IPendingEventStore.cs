using OncologyMassage.Workflow.Answers;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Answers whose event may not have reached their orchestration yet (table <c>PendingEvents</c>). A row is written
/// before the answer is stored and removed once the event is raised, so an answer stored by a host that died, or whose
/// raise failed, is still delivered by <see cref="PendingEventSweep"/>. Rows hold ids and enums only.
/// </summary>
public interface IPendingEventStore
{
    /// <summary>Writes (or rewrites) the row of <paramref name="pending"/>'s answer.</summary>
    Task SaveAsync(PendingEvent pending, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(AnswerRef answer, CancellationToken cancellationToken);

    /// <summary>Every pending row, oldest first.</summary>
    Task<IReadOnlyList<PendingEvent>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes the row; nothing happens when it is gone already.</summary>
    Task DeleteAsync(AnswerRef answer, CancellationToken cancellationToken);
}

/// <summary>An answer waiting to be raised: which one, since when, and how many sweeps failed to raise it.</summary>
public sealed record PendingEvent(AnswerRef Answer, DateTimeOffset CreatedAt, int Attempts = 0);
