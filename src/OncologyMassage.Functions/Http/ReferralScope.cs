using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The one place that decides whether a caller may touch a referral: authenticate (401), check the id's shape without
/// touching storage, read it, check scope (a practice: its own; a coordinator: their venues) — anything else is the
/// same 404 with no data — and write the audit entry (who, which function, when; never content).
/// </summary>
public sealed class ReferralScope(CallerAuthentication authentication, IReferralStore referrals, IAuditLog audit, TimeProvider clock)
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public async Task<ScopedReferral> FindAsync(HttpRequest request, string id, string action, CancellationToken cancellationToken, bool coordinatorsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, refusal) = await authentication.AuthenticateAsync(request, cancellationToken);
        if (caller is null)
        {
            return new ScopedReferral(null, null, refusal);
        }

        var record = IsReferralId(id) ? await referrals.GetAsync(id, cancellationToken) : null;
        if (record is null || !caller.CanSee(record))
        {
            return new ScopedReferral(caller, null, Problems.NotFound(request, $"There is no referral {id}."));
        }

        // Only after scope: a practice learns nothing about referrals that are not its own.
        if (coordinatorsOnly && caller is not CoordinatorCaller)
        {
            return new ScopedReferral(caller, null, CoordinatorProblems.CoordinatorsOnly(request));
        }

        await RecordAsync(caller, record.Id, action, cancellationToken);
        return new ScopedReferral(caller, record, null);
    }

    /// <summary>Audits an access that did not go through <see cref="FindAsync"/> (a new referral).</summary>
    public Task RecordAsync(Caller caller, string referralId, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return audit.RecordAsync(new AuditEntry(referralId, caller.Kind, caller.Id, action, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>The audit of a submission, run beside the insert of its row; a referral this request created has no entries yet.</summary>
    public AcceptedWork RecordSubmission(Caller caller, string action)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (referralId, isNew, cancellationToken) =>
        {
            var entry = new AuditEntry(referralId, caller.Kind, caller.Id, action, clock.GetUtcNow());
            return isNew ? audit.RecordFirstAsync(entry, cancellationToken) : audit.RecordAsync(entry, cancellationToken);
        };
    }

    /// <summary>
    /// The entry that follows a submission's when its row could not be stored (the two ran at once): the action with
    /// <see cref="NotStoredSuffix"/>, so the chain says the attempt failed instead of naming a referral that does not exist.
    /// </summary>
    public AcceptedWork RecordSubmissionNotStored(Caller caller, string action) => RecordSubmission(caller, action + NotStoredSuffix);

    /// <summary>Ends the action of an audit entry written after a submission whose referral was not stored.</summary>
    public const string NotStoredSuffix = ".NotStored";

    /// <summary>"ref-" + 32 lower-case hex digits, as the API issues them.</summary>
    public static bool IsReferralId(string? id) =>
        id is { Length: 36 } && id.StartsWith("ref-", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(LowerHex);
}

/// <summary>The referral the caller may touch, or the refusal to return.</summary>
public sealed record ScopedReferral(Caller? Caller, ReferralRecord? Record, IActionResult? Refusal);

/// <summary>Problems specific to the coordinators' endpoints.</summary>
public static class CoordinatorProblems
{
    public static ApiResult CoordinatorsOnly(HttpRequest request) =>
        Problems.Create(request, StatusCodes.Status403Forbidden, "coordinators-only", "Only venue coordinators may do this.",
            "Sign in as a coordinator of the referral's venue.");

    public static ApiResult WrongStage(HttpRequest request, string action, string stage) =>
        Problems.Create(request, StatusCodes.Status409Conflict, "wrong-stage", "The action does not fit the referral's stage.",
            $"{action} is not possible while the referral is {stage}.");

    /// <summary>The referral was accepted moments ago and its workflow has not started yet (docs/decisions/0010-answer-before-start.md).</summary>
    public static ApiResult Starting(HttpRequest request) =>
        Problems.Create(request, StatusCodes.Status409Conflict, "starting", "The referral's workflow is starting.",
            "The referral was accepted moments ago and its workflow has not started yet: try again in a few seconds.");

    public static ApiResult Conflict(HttpRequest request, string detail) =>
        Problems.Create(request, StatusCodes.Status409Conflict, "conflict", "The request conflicts with the current state.", detail);

    public static ApiResult Unprocessable(HttpRequest request, string detail) =>
        Problems.Create(request, StatusCodes.Status422UnprocessableEntity, "unprocessable", "The request cannot be carried out.", detail);

    public static ApiResult VenueRequired(HttpRequest request) =>
        Problems.Validation(request, new Dictionary<string, string[]> { ["venue"] = ["You coordinate several venues: name one with ?venue=."] });

    public static ApiResult UnknownVenue(HttpRequest request, string venue) =>
        Problems.NotFound(request, $"There is no venue {venue} among yours.");
}
