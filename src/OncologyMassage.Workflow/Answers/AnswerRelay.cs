using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Answers;

/// <summary>
/// "Store the answer, then get it to the orchestration", once for every form and the SMS path, so that no stored answer
/// is lost and no answer is stored twice:
/// <list type="number">
/// <item>compare with what is stored under the answer's key: a different answer is a conflict (nothing written); the same
/// one is a repeated submit, answered like the first (and delivered now if its event is still pending);</item>
/// <item>write a pending-event row (<see cref="IPendingEventStore"/>) <em>before</em> the answer, so a host that dies
/// right after storing leaves the row behind for <see cref="PendingEventSweep"/>;</item>
/// <item>store the answer (the caller's insert, which fails on a second insert);</item>
/// <item>raise the event derived from the stored answer (<see cref="StoredAnswers"/>: ids and enums only) and remove the
/// row. When raising fails the answer stays stored and the row stays: the sweep raises it. Nothing is taken back.
/// An answer this call has just inserted is raised from the record it wrote (the caller's <c>stored</c> event, made by
/// <see cref="StoredAnswers"/>' <c>Of</c>), not read back: the insert succeeding means exactly that record is stored.</item>
/// </list>
/// </summary>
public sealed partial class AnswerRelay(IPendingEventStore pending, StoredAnswers answers, IReferralWorkflowClient workflow, TimeProvider clock, ILogger<AnswerRelay> logger)
{
    /// <param name="answer">Which answer.</param>
    /// <param name="compare">What is stored under the answer's key now, compared with the submitted answer.</param>
    /// <param name="store">Stores the answer; false when one was stored meanwhile (then <paramref name="compare"/> decides).</param>
    /// <param name="cancellationToken">The request's token; the raise itself is not abandoned halfway on it.</param>
    /// <param name="stored">
    /// The event of exactly what <paramref name="store"/> writes when it returns true (<see cref="StoredAnswers"/>' <c>Of</c>):
    /// raised without reading the answer back. Null: read back (a store that may keep an earlier record and still return true).
    /// </param>
    /// <param name="firstLook">
    /// What <paramref name="compare"/> would answer now, when the request has just read what is stored under the answer's key
    /// for its own reasons (the form's state, the next session number): the first look is then not read again. It decides
    /// nothing for good: an insert that finds a row (a submit that came in between) always compares with what is read.
    /// </param>
    public async Task<RelayOutcome> StoreAndRaiseAsync(
        AnswerRef answer,
        Func<CancellationToken, Task<StoredAnswer>> compare,
        Func<CancellationToken, Task<bool>> store,
        CancellationToken cancellationToken,
        AnswerEvent? stored = null,
        StoredAnswer? firstLook = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(compare);
        ArgumentNullException.ThrowIfNull(store);
        switch (firstLook ?? await compare(cancellationToken))
        {
            case StoredAnswer.Different:
                return RelayOutcome.Conflict;
            case StoredAnswer.Same:
                await DeliverIfPendingAsync(answer);
                return RelayOutcome.Repeated;
        }

        await pending.SaveAsync(new PendingEvent(answer, clock.GetUtcNow()), cancellationToken);
        if (!await store(cancellationToken))
        {
            // Another submit stored first; its own relay delivers it (the row written here is the same row).
            if (await compare(cancellationToken) != StoredAnswer.Same)
            {
                return RelayOutcome.Conflict;
            }

            await DeliverIfPendingAsync(answer);
            return RelayOutcome.Repeated;
        }

        await TryDeliverAsync(answer, CancellationToken.None, stored);
        return RelayOutcome.Stored;
    }

    /// <summary>
    /// Raises the event of a stored answer and removes its pending row; false (row kept) when that failed. The event is read
    /// from the stored answer unless <paramref name="stored"/> gives it (the answer this relay has just inserted).
    /// </summary>
    public async Task<bool> TryDeliverAsync(AnswerRef answer, CancellationToken cancellationToken, AnswerEvent? stored = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            var raised = stored ?? await answers.EventForAsync(answer, cancellationToken)
                ?? throw new InvalidOperationException($"The {answer.Kind} answer of referral {answer.ReferralId} is not stored.");
            await workflow.RaiseEventAsync(answer.ReferralId, raised.Name, raised.Payload, cancellationToken);
            await pending.DeleteAsync(answer, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRaised(logger, answer.ReferralId, answer.Kind, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// Raises the answer's event when its pending row is still there (a request that stored it stopped before raising, or its
    /// raise failed); false when there is no such row. A repeated request uses it to finish what the first one began.
    /// </summary>
    public async Task<bool> DeliverIfPendingAsync(AnswerRef answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!await pending.ExistsAsync(answer, CancellationToken.None))
        {
            return false;
        }

        await TryDeliverAsync(answer, CancellationToken.None);
        return true;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "The {Kind} answer of referral {ReferralId} is stored but its event was not raised ({Error}); the pending-event sweep will raise it")]
    private static partial void LogNotRaised(ILogger logger, string referralId, AnswerKind kind, string error);
}
