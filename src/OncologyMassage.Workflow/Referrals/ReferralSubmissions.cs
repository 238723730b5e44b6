using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Referrals;

/// <summary>
/// Accepts a referral: validates it and checks that its venue is in the venue store (nothing is written otherwise),
/// honours the Idempotency-Key, stores the referral row and its submission's audit entry, and answers. The phone index
/// and the orchestration (instance id = referral id) follow after the answer, on the host (<see cref="IAfterAnswerWork"/>);
/// <see cref="OrphanReferralSweep"/> is the durable backstop that makes the start certain
/// (docs/decisions/0010-answer-before-start.md). Host-neutral: it starts the orchestration through
/// <see cref="IReferralWorkflowClient"/>, whichever host it runs in.
/// </summary>
public sealed partial class ReferralSubmissions(
    ReferralNormalizer normalizer,
    IReferralStore referrals,
    IIdempotencyStore idempotency,
    IPhoneIndex phones,
    IVenueStore venues,
    IOptions<WorkflowOptions> workflowOptions,
    IReferralWorkflowClient workflow,
    IAfterAnswerWork afterAnswer,
    TimeProvider clock,
    ILogger<ReferralSubmissions> logger)
{
    /// <param name="onAccepted">
    /// Work that goes with an accepted submission (the HTTP functions' audit entry), run before the answer: the answer waits
    /// for it and a failure of it fails the request, so the audit is complete when the practice hears "accepted". For a
    /// referral id this request has just made, it runs alongside the row insert (one round trip, not two in a row); for an
    /// id an earlier attempt made, after the row.
    /// </param>
    /// <param name="onNotStored">
    /// Run when the row insert failed while <paramref name="onAccepted"/> ran beside it: an audit chain takes nothing back,
    /// so the entry that recorded the attempt is followed by one that says the referral was not stored
    /// (docs/decisions/0010-answer-before-start.md, "The audit entry").
    /// </param>
    public async Task<SubmissionResult> SubmitAsync(
        Practice practice, ReferralRequest? request, IdempotencyToken? token, CancellationToken cancellationToken,
        AcceptedWork? onAccepted = null, AcceptedWork? onNotStored = null)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var now = clock.GetUtcNow();
        var validation = normalizer.Normalize(request, DateOnly.FromDateTime(now.UtcDateTime));
        if (!validation.IsValid)
        {
            return new SubmissionResult.Invalid(validation.Errors);
        }

        if (await venues.GetAsync(validation.Referral!.VenueId, cancellationToken) is null)
        {
            LogUnknownVenue(logger, validation.Referral.VenueId);
            return new SubmissionResult.UnknownVenue(validation.Referral.VenueId);
        }

        var referralId = ReferralIds.New(now);
        var madeHere = true;
        if (token is not null)
        {
            var claim = await idempotency.ClaimAsync(practice.Id, token.Key, token.RequestHash, referralId, cancellationToken);
            if (!claim.IsNew)
            {
                if (!string.Equals(claim.RequestHash, token.RequestHash, StringComparison.Ordinal))
                {
                    return new SubmissionResult.KeyReused(claim.ReferralId);
                }

                referralId = claim.ReferralId;
                madeHere = false;
                var earlier = await referrals.GetAsync(referralId, cancellationToken);
                if (earlier is not null)
                {
                    // The same request again: make sure its orchestration runs (an earlier attempt may have stopped before
                    // starting it) and answer with the referral it created.
                    await Task.WhenAll(EnsureStartedAsync(earlier, cancellationToken), onAccepted?.Invoke(referralId, false, cancellationToken) ?? Task.CompletedTask);
                    LogReplayed(logger, referralId);
                    return new SubmissionResult.Accepted(earlier, Replayed: true);
                }
            }
        }

        var record = new ReferralRecord(referralId, practice.Id, validation.Referral!, Stage.Received, 0, now, now, null);
        bool created;
        if (onAccepted is not null && madeHere)
        {
            // An id made by this request names no row and no audit entry yet: the row and the first audit entry go at once,
            // and the answer waits for both (the audit is complete when the practice hears "accepted").
            created = await CreateAndAuditAsync(record, onAccepted, onNotStored, cancellationToken);
        }
        else
        {
            // An id from an earlier attempt (a repeated Idempotency-Key whose row is missing): the row first, then its entry.
            created = await referrals.TryCreateAsync(record, cancellationToken);
            if (onAccepted is not null)
            {
                await onAccepted(referralId, created, cancellationToken);
            }
        }

        if (!created)
        {
            record = await referrals.GetAsync(referralId, cancellationToken) ?? record;
        }

        // Then the answer; the phone index and the start follow on the host.

        var mayExist = !created;
        afterAnswer.Run(referralId, ct => IndexAndStartAsync(record, mayExist, ct));
        LogAccepted(logger, referralId, record.Referral.VenueId);
        return new SubmissionResult.Accepted(record, Replayed: false);
    }

    private async Task<bool> CreateAndAuditAsync(ReferralRecord record, AcceptedWork onAccepted, AcceptedWork? onNotStored, CancellationToken cancellationToken)
    {
        var create = referrals.TryCreateAsync(record, cancellationToken);
        var audit = onAccepted(record.Id, true, cancellationToken);
        try
        {
            await Task.WhenAll(create, audit);
        }
        catch when (!create.IsCompletedSuccessfully && onNotStored is not null)
        {
            // The request fails (5xx); when the entry for the attempt was written, the chain also says that nothing was
            // stored. Best effort: the storage that failed the row may fail this too, and the practice's retry is audited anew.
            if (audit.IsCompletedSuccessfully)
            {
                try
                {
                    await onNotStored(record.Id, false, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogNotStoredUnaudited(logger, record.Id, ex.GetType().Name);
                }
            }

            throw;
        }

        return create.Result;
    }

    /// <summary>
    /// The phone index before the orchestration starts, so STOP from this number reaches the referral from its first text
    /// on. A row this request has just created has no instance yet: the engine's own duplicate check on start is the only
    /// one needed (a second read of the instance first would be one more storage round trip). A row that may have one is
    /// looked up first: an instance that exists was started by a path that indexed the phone before starting it (this
    /// one, or <see cref="EnsureStartedAsync"/>), so the index is not written again.
    /// </summary>
    private async Task<bool> IndexAndStartAsync(ReferralRecord record, bool mayExist, CancellationToken cancellationToken)
    {
        if (mayExist && await workflow.GetInstanceAsync(record.Id, cancellationToken) is not null)
        {
            return false;
        }

        await phones.AddReferralAsync(record.Referral.Client.MobilePhone, record.Id, cancellationToken);
        return await StartOrchestrationAsync(record, cancellationToken);
    }

    /// <summary>
    /// Makes sure a stored referral has its orchestration (instance id = referral id) and its phone index entry: used for
    /// a repeated request and by <see cref="OrphanReferralSweep"/> for a submission that stopped between the two writes.
    /// Idempotent; returns true when it started the instance. When the instance exists it writes nothing: one read, where
    /// it used to rewrite the phone index first (the sweep meets every young referral whose first move is still to come).
    /// </summary>
    public Task<bool> EnsureStartedAsync(ReferralRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return IndexAndStartAsync(record, mayExist: true, cancellationToken);
    }

    private async Task<bool> StartOrchestrationAsync(ReferralRecord record, CancellationToken cancellationToken)
    {
        var referralId = record.Id;

        var input = new ReferralWorkflowInput(referralId, record.Referral.VenueId, workflowOptions.Value.ToTimings())
        {
            ClientTimeZone = record.Referral.Client.TimeZone,
            SessionsAuthorised = Math.Max(1, record.Referral.SessionsAuthorised),
            Version = WorkflowVersions.Current,
        };
        try
        {
            await workflow.StartReferralAsync(referralId, input, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Two retries of the same request can race to start the instance; the loser finds it running and is done.
            if (await workflow.GetInstanceAsync(referralId, cancellationToken) is null)
            {
                throw;
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Referral {ReferralId} accepted for venue {VenueId}")]
    private static partial void LogAccepted(ILogger logger, string referralId, string venueId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Referral refused: there is no venue {VenueId}")]
    private static partial void LogUnknownVenue(ILogger logger, string venueId);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Referral {ReferralId} was not stored and its audit entry could not be followed by a not-stored entry ({ErrorType})")]
    private static partial void LogNotStoredUnaudited(ILogger logger, string referralId, string errorType);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Referral {ReferralId} returned again for a repeated Idempotency-Key")]
    private static partial void LogReplayed(ILogger logger, string referralId);
}

/// <summary>
/// Work that goes with an accepted submission, given the referral id and whether this request created the referral (false for
/// a repeated Idempotency-Key, or a row an earlier attempt had written).
/// </summary>
public delegate Task AcceptedWork(string referralId, bool isNew, CancellationToken cancellationToken);

/// <summary>An Idempotency-Key header with a hash of the request body; keys are scoped to the calling practice.</summary>
public sealed record IdempotencyToken(string Key, string RequestHash);

/// <summary>What a submission came to.</summary>
public abstract record SubmissionResult
{
    private SubmissionResult()
    {
    }

    public sealed record Accepted(ReferralRecord Referral, bool Replayed) : SubmissionResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : SubmissionResult;

    /// <summary>Well formed, but names a venue that is not in the venue store: nothing was written.</summary>
    public sealed record UnknownVenue(string VenueId) : SubmissionResult;

    /// <summary>The key was used before with a different body.</summary>
    public sealed record KeyReused(string ReferralId) : SubmissionResult;
}
