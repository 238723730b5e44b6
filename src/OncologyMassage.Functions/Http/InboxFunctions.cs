using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The deployment's inbox: texts from numbers with no open referral. Any signed-in coordinator may list it and mark an
/// entry handled (no venue is known for such a number: docs/security.md); a practice key is refused (403), no sign-in
/// is 401, and a cross-site POST is refused, all by the caller gate before the function runs. The work is in <see cref="CoordinatorInbox"/>.
/// </summary>
public sealed partial class InboxFunctions(CoordinatorInbox inbox)
{
    private static readonly InboxHandledInputValidator HandledValidator = new();

    [Function(nameof(GetInbox))]
    [CoordinatorsOnly]
    public async Task<IActionResult> GetInbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Inbox)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var coordinator = request.Coordinator();
        var max = CoordinatorInbox.DefaultPageSize;
        var maxText = request.Query["max"].ToString();
        if (maxText.Length > 0 && (!int.TryParse(maxText, out max) || max is < 1 or > CoordinatorInbox.MaxPageSize))
        {
            return Problems.Validation(request, new Dictionary<string, string[]> { ["max"] = [$"max must be 1 to {CoordinatorInbox.MaxPageSize}."] });
        }

        var listing = await inbox.ListAsync(coordinator, max, cancellationToken);
        return new ApiResult(StatusCodes.Status200OK, new InboxView(listing.OpenCount, listing.Entries.Select(InboxEntryView.From).ToArray()));
    }

    [Function(nameof(MarkInboxHandled))]
    [CoordinatorsOnly]
    public async Task<IActionResult> MarkInboxHandled(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.InboxHandled)] HttpRequest request,
        string entryId,
        CancellationToken cancellationToken)
    {
        var coordinator = request.Coordinator();
        if (!EntryId().IsMatch(entryId))
        {
            return Problems.NotFound(request, "There is no such inbox entry.");
        }

        var (input, problem) = await JsonBody.ReadAsync(request, HandledValidator, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var (outcome, entry) = await inbox.MarkHandledAsync(coordinator, entryId, input.Note, cancellationToken);
        return outcome switch
        {
            InboxMarkOutcome.Marked => new ApiResult(StatusCodes.Status200OK, InboxEntryView.From(entry!)),
            InboxMarkOutcome.AlreadyHandled => CoordinatorProblems.Conflict(request,
                $"{entry!.Handled!.ByName} marked this text handled at {entry.Handled.At:u}."),
            _ => Problems.NotFound(request, "There is no such inbox entry."),
        };
    }

    [GeneratedRegex("^[0-9]{19}-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryId();
}

/// <summary>GET /api/inbox: how many entries are not handled yet, and the newest entries.</summary>
public sealed record InboxView(int OpenCount, IReadOnlyList<InboxEntryView> Entries);

/// <summary>One text in the inbox: when, from which number, the words, the screening level, and who handled it.</summary>
public sealed record InboxEntryView(string Id, DateTimeOffset ReceivedAt, string FromPhone, string Text, RedFlagLevel Level, InboxHandledView? Handled)
{
    public static InboxEntryView From(InboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var m = entry.Message;
        return new InboxEntryView(entry.Id, m.ReceivedAt, m.FromPhone, m.Text, m.Level,
            entry.Handled is { } h ? new InboxHandledView(h.ById, h.ByName, h.At, h.Note) : null);
    }
}

public sealed record InboxHandledView(string ById, string ByName, DateTimeOffset At, string? Note);
