using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Coordinators;
using OncologyMassage.Workflow.Scheduling;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// What a coordinator does to one referral of their venues: see the offered slots, cancel, resend the release request,
/// book a slot, move the booked session, record a session, read the audit trail. Each call goes through <see cref="ReferralScope"/> (401; 404 for
/// a referral outside the caller's scope; 403 for a practice on its own referral) and answers 409 when the action does
/// not fit the stored stage. The work is in <see cref="ReferralActions"/>.
/// </summary>
public sealed class ReferralActionFunctions(
    ReferralActions actions,
    SlotOffers slots,
    TimeProvider clock,
    IAuditLog audit)
{
    public const int MaxAuditEntries = 200;

    /// <summary>How many free slots the booking dialog lists.</summary>
    public const int MaxSlotsListed = 30;

    private static readonly CancelInputValidator CancelValidator = new();
    private static readonly BookingInputValidator BookingValidator = new();
    private static readonly SessionInputValidator SessionValidator = new();
    private static readonly RescheduleInputValidator RescheduleValidator = new();

    [Function(nameof(ListReferralSlots))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> ListReferralSlots(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReferralSlots)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var referral = request.Referral();
        if (referral.Stage is not (Stage.SchedulingPending or Stage.SessionScheduled)) // booking, or moving the booked session
        {
            return CoordinatorProblems.WrongStage(request, "Listing slots", referral.Stage.ToString());
        }

        var offered = await slots.OfferAsync(referral.Referral.VenueId, clock.GetUtcNow(), MaxSlotsListed, cancellationToken);
        return new ApiResult(StatusCodes.Status200OK, offered.Select(s => new SlotView(s.Id, s.TherapistId, s.StartsAt, s.EndsAt)).ToArray());
    }

    [Function(nameof(CancelReferral))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> CancelReferral(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReferralCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        await RunAsync(request, CoordinatorAction.Cancel, CancelValidator,
            async (by, referral, input) => (await actions.CancelAsync(by, referral, input.Reason!.Trim(), cancellationToken), null), cancellationToken);

    [Function(nameof(ResendReleaseRequest))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> ResendReleaseRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReferralReleaseResend)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var referral = request.Referral();
        var (_, tooLarge) = await BoundedBody.ReadAsync(request, JsonBody.MaxBytes, cancellationToken); // no body is needed; none may be huge
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var result = await actions.ResendReleaseAsync(request.Coordinator(), referral, cancellationToken);
        return ToResponse(request, referral, CoordinatorAction.ResendRelease, result, null);
    }

    [Function(nameof(BookReferralSlot))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> BookReferralSlot(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReferralBooking)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        await RunAsync(request, CoordinatorAction.BookSlot, BookingValidator,
            async (by, referral, input) => (await actions.BookAsync(by, referral, input.SlotId!, cancellationToken), null), cancellationToken);

    [Function(nameof(RescheduleReferralSession))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> RescheduleReferralSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReferralReschedule)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        await RunAsync(request, CoordinatorAction.Reschedule, RescheduleValidator,
            async (by, referral, input) => (await actions.RescheduleAsync(by, referral, input.SlotId!, input.Reason, cancellationToken), null), cancellationToken);

    [Function(nameof(RecordReferralSession))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> RecordReferralSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ReferralSessions)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        await RunAsync(request, CoordinatorAction.RecordSession, SessionValidator,
            async (by, referral, input) =>
            {
                var (result, number) = await actions.RecordSessionAsync(by, referral, input, cancellationToken);
                return (result, (int?)number);
            },
            cancellationToken);

    [Function(nameof(GetReferralAudit))]
    [ReferralScoped(CoordinatorsOnly = true)]
    public async Task<IActionResult> GetReferralAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ReferralAudit)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var referral = request.Referral();
        var entries = await audit.ListAsync(referral.Id, MaxAuditEntries, cancellationToken);
        return new ApiResult(StatusCodes.Status200OK, entries.Select(e => new AuditView(e.At, e.CallerKind, e.CallerId, e.Action, e.ClientAddress, e.UserAgent)).ToArray());
    }

    /// <summary>The body (scope was checked before the function ran, so nothing is parsed for a caller who may not see the referral), then the action.</summary>
    private static async Task<IActionResult> RunAsync<TInput>(
        HttpRequest request,
        CoordinatorAction action,
        IValidator<TInput> validator,
        Func<CoordinatorCaller, Workflow.Ports.ReferralRecord, TInput, Task<(ActionOutcome Result, int? SessionNumber)>> run,
        CancellationToken cancellationToken)
        where TInput : class
    {
        var referral = request.Referral();
        var (input, problem) = await JsonBody.ReadAsync(request, validator, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var (result, sessionNumber) = await run(request.Coordinator(), referral, input);
        return ToResponse(request, referral, action, result, sessionNumber);
    }

    private static ApiResult ToResponse(HttpRequest request, Workflow.Ports.ReferralRecord referral, CoordinatorAction action, ActionOutcome result, int? sessionNumber) =>
        result switch
        {
            ActionOutcome.Done when sessionNumber is { } number => new ApiResult(StatusCodes.Status201Created, new RecordedSession(referral.Id, number))
                .WithHeader("Location", $"{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{number}"),
            ActionOutcome.Done => new ApiResult(StatusCodes.Status202Accepted, new AcceptedAction(referral.Id, action)),
            ActionOutcome.WrongStage => CoordinatorProblems.WrongStage(request, action.ToString(), referral.Stage.ToString()),
            ActionOutcome.Starting => CoordinatorProblems.Starting(request),
            ActionOutcome.SlotNotOffered => CoordinatorProblems.Unprocessable(request, "That slot is not offered for this referral: list the slots again."),
            ActionOutcome.Conflict when action == CoordinatorAction.BookSlot => CoordinatorProblems.Conflict(request, "The slot was taken meanwhile: choose another."),
            ActionOutcome.Conflict when action == CoordinatorAction.Reschedule => CoordinatorProblems.Conflict(request, "The slot is taken, or the session is already booked there: choose another."),
            _ => CoordinatorProblems.Conflict(request, "The session was recorded meanwhile."),
        };
}

/// <summary>An offered slot (GET /api/referrals/{id}/slots).</summary>
public sealed record SlotView(string SlotId, string TherapistId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The 202 body of an action: the workflow has been told.</summary>
public sealed record AcceptedAction(string ReferralId, CoordinatorAction Action);

/// <summary>The 201 body of a recorded session.</summary>
public sealed record RecordedSession(string ReferralId, int SessionNumber);

/// <summary>One audit entry (GET /api/referrals/{id}/audit): who, what, when; never content.</summary>
public sealed record AuditView(DateTimeOffset At, string CallerKind, string CallerId, string Action, string? ClientAddress, string? UserAgent);
