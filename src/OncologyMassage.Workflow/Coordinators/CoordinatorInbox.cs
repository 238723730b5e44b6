using FluentValidation;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>POST /api/inbox/{id}/handled: what the coordinator did about the text (optional, short).</summary>
public sealed record InboxHandledInput(string? Note);

public sealed class InboxHandledInputValidator : AbstractValidator<InboxHandledInput>
{
    public const int MaxNoteLength = 500;

    public InboxHandledInputValidator() => RuleFor(i => i.Note).MaximumLength(MaxNoteLength);
}

/// <summary>
/// The coordinators' view of the deployment's inbox (texts from numbers with no open referral). Every signed-in
/// coordinator of the deployment sees every entry: no venue is known for such a number (docs/security.md). Each read is
/// audited in the inbox's audit partition with the ids of the entries it showed; each mark with the entry's id.
/// </summary>
public sealed class CoordinatorInbox(IInboxStore inbox, IAuditLog audit, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<InboxListing> ListAsync(CoordinatorCaller caller, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var listing = await inbox.ListAsync(max, cancellationToken);
        await audit.RecordAsync(new AuditEntry(AuditPartitions.Inbox, caller.Kind, caller.Id, "GetInbox", clock.GetUtcNow())
        {
            Subject = string.Join(',', listing.Entries.Select(e => e.Id)),
        }, cancellationToken);
        return listing;
    }

    public async Task<(InboxMarkOutcome Outcome, InboxEntry? Entry)> MarkHandledAsync(CoordinatorCaller caller, string entryId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        var result = await inbox.MarkHandledAsync(entryId, new InboxHandling(caller.Id, caller.Name, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim()), cancellationToken);
        if (result.Outcome == InboxMarkOutcome.Marked)
        {
            await audit.RecordAsync(new AuditEntry(AuditPartitions.Inbox, caller.Kind, caller.Id, "MarkInboxHandled", now) { Subject = entryId }, cancellationToken);
        }

        return result;
    }
}
