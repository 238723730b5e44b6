using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// The deployment's inbox (table <c>Inbox</c>): texts from numbers that have no open referral, so no venue's timeline
/// can hold them. Coordinators of every venue see it through the API (docs/security.md, "The inbox"). Each text is
/// stored once per provider message id, newest first; a coordinator marks an entry handled (who, when, note).
/// </summary>
public interface IInboxStore
{
    /// <summary>Stores the text; false when that provider message id is in the inbox already (a redelivery).</summary>
    Task<bool> TryAddAsync(InboxMessage message, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> entries, newest first, and how many are not handled yet.</summary>
    Task<InboxListing> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>Marks the entry handled. <see cref="InboxMarkOutcome.AlreadyHandled"/> leaves the first mark as it was.</summary>
    Task<(InboxMarkOutcome Outcome, InboxEntry? Entry)> MarkHandledAsync(string entryId, InboxHandling handling, CancellationToken cancellationToken);

    /// <summary>Deletes every entry from the number (erase on request, docs/privacy.md); returns how many went.</summary>
    Task<int> EraseFromAsync(string phoneE164, CancellationToken cancellationToken);

    /// <summary>Deletes every entry received before <paramref name="cutoff"/> (retention); returns how many went.</summary>
    Task<int> EraseReceivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>A text for the inbox, as it arrived and as the screener graded it.</summary>
public sealed record InboxMessage(string MessageId, string FromPhone, string Text, RedFlagLevel Level, DateTimeOffset ReceivedAt);

/// <summary>Who marked an inbox entry handled (coordinator id and name), when, and what they did (a short note, optional).</summary>
public sealed record InboxHandling(string ById, string ByName, DateTimeOffset At, string? Note);

/// <summary>One inbox entry; <see cref="Id"/> orders entries newest first and is what the API addresses.</summary>
public sealed record InboxEntry(string Id, InboxMessage Message, InboxHandling? Handled);

public sealed record InboxListing(IReadOnlyList<InboxEntry> Entries, int OpenCount);

public enum InboxMarkOutcome
{
    Marked,
    NotFound,
    AlreadyHandled,
}
