using System.Globalization;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Scheduling;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>
/// A coordinator's actions on a referral the caller may see. Each checks the stored stage first
/// (<see cref="CoordinatorActions.Allows"/>), writes what must be stored before the workflow hears of it (booking,
/// session), raises the orchestration's event (instance id = referral id), then records a timeline entry. A recorded
/// session and a moved session go through <see cref="AnswerRelay"/> like the people's answers, so a stored session or
/// booking always reaches the workflow: after a host stops between storing and raising (the pending-event sweep raises it),
/// and after a retry that finds its own row (the session already stored, the booking already at the new slot).
/// </summary>
public sealed class ReferralActions(
    IReferralStore referrals,
    IBookingStore bookings,
    ISessionStore sessions,
    SlotOffers slots,
    IReferralWorkflowClient workflow,
    AnswerRelay relay,
    TimeProvider clock)
{
    public async Task<ActionOutcome> CancelAsync(CoordinatorCaller by, ReferralRecord referral, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(referral);
        if (!referral.Stage.Allows(CoordinatorAction.Cancel))
        {
            return ActionOutcome.WrongStage;
        }

        // A referral is answered before its orchestration starts (decision 0010), and the engine drops an event raised on an
        // instance that does not exist yet: refuse rather than lose the cancel. Only Received can be that young; an
        // instance whose row exists has its start message queued ahead of any event raised now.
        if (referral.Stage == Stage.Received && await workflow.GetInstanceAsync(referral.Id, cancellationToken) is null)
        {
            return ActionOutcome.Starting;
        }

        var now = clock.GetUtcNow();
        await workflow.RaiseEventAsync(referral.Id, WorkflowEvents.CancelRequested, new CancelRequest(by.Id, now), cancellationToken);
        await TimelineAsync(referral.Id, now, $"Cancelled by {by.Name}: {reason}", cancellationToken);
        return ActionOutcome.Done;
    }

    public async Task<ActionOutcome> ResendReleaseAsync(CoordinatorCaller by, ReferralRecord referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(referral);
        if (!referral.Stage.Allows(CoordinatorAction.ResendRelease))
        {
            return ActionOutcome.WrongStage;
        }

        var now = clock.GetUtcNow();
        await workflow.RaiseEventAsync(referral.Id, WorkflowEvents.ResendRequested, new ResendRequest(by.Id, now), cancellationToken);
        await TimelineAsync(referral.Id, now, $"Release request resent by {by.Name}", cancellationToken);
        return ActionOutcome.Done;
    }

    public async Task<ActionOutcome> BookAsync(CoordinatorCaller by, ReferralRecord referral, string slotId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(referral);
        if (!referral.Stage.Allows(CoordinatorAction.BookSlot))
        {
            return ActionOutcome.WrongStage;
        }

        // Re-derived from the venue's hours, so a made-up, past or far-future slot id is refused; a taken one is a conflict.
        var slot = await slots.FindOfferedAsync(referral.Referral.VenueId, slotId, clock.GetUtcNow(), cancellationToken);
        if (slot is null)
        {
            return ActionOutcome.SlotNotOffered;
        }

        if (!await bookings.TryBookAsync(slot, referral.Id, cancellationToken))
        {
            return ActionOutcome.Conflict;
        }

        var now = clock.GetUtcNow();
        await workflow.RaiseEventAsync(referral.Id, WorkflowEvents.SlotChosen, new SlotChosen(slot.Id, slot.StartsAt, slot.EndsAt, slot.TherapistId, by.Id), cancellationToken);
        await TimelineAsync(referral.Id, now, $"Session booked by {by.Name} for {slot.StartsAt:yyyy-MM-dd HH:mm} UTC", cancellationToken);
        return ActionOutcome.Done;
    }

    /// <summary>
    /// Moves the booked session to another offered slot: the new slot is re-derived from the venue's hours and booked first
    /// (so a taken slot changes nothing), then the old slot is freed for others, then the workflow hears of it and sends
    /// the client the new time. The reason stays on the coordinators' timeline; the client is not told it.
    /// </summary>
    public async Task<ActionOutcome> RescheduleAsync(CoordinatorCaller by, ReferralRecord referral, string slotId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(referral);
        if (!referral.Stage.Allows(CoordinatorAction.Reschedule))
        {
            return ActionOutcome.WrongStage;
        }

        var venueId = referral.Referral.VenueId;
        var current = await bookings.FindAsync(venueId, referral.Id, cancellationToken);
        if (current is null)
        {
            return ActionOutcome.WrongStage; // nothing booked to move (freed meanwhile)
        }

        // The move is an answer like a recorded session (AnswerRelay, keyed by the new slot): the pending-event row is written
        // before the booking, so a host that stops between booking and raising leaves it for the sweep, and the coordinator's
        // retry, which finds the session already at that slot, finishes the first request's raise instead of refusing.
        var move = new AnswerRef(referral.Id, AnswerKind.Reschedule, slotId);
        if (current.Slot.Id == slotId)
        {
            return await relay.DeliverIfPendingAsync(move) ? ActionOutcome.Done : ActionOutcome.Conflict; // already there
        }

        var slot = await slots.FindOfferedAsync(venueId, slotId, clock.GetUtcNow(), cancellationToken);
        if (slot is null)
        {
            return ActionOutcome.SlotNotOffered;
        }

        // Another referral's slot is refused before anything is written (a 409 writes nothing); one taken in between is
        // refused by the booking's insert, and the pending row written for it is dropped by the sweep.
        if ((await bookings.ListAsync(venueId, slot.StartsAt, slot.EndsAt, cancellationToken)).Any(b => b.Slot.Id == slot.Id && b.ReferralId != referral.Id))
        {
            return ActionOutcome.Conflict;
        }

        var outcome = await relay.StoreAndRaiseAsync(move,
            async ct => (await bookings.FindAsync(venueId, referral.Id, ct))?.Slot.Id == slot.Id ? StoredAnswer.Same : StoredAnswer.Different,
            async ct =>
            {
                if (!await bookings.TryBookAsync(slot, referral.Id, ct))
                {
                    return false; // someone else holds the slot
                }

                await bookings.ReleaseSlotAsync(venueId, current.Slot.Id, referral.Id, ct);
                return true;
            },
            cancellationToken, StoredAnswers.OfReschedule(slot, by.Id), firstLook: StoredAnswer.None); // the booking was just read: at another slot
        if (outcome == RelayOutcome.Conflict)
        {
            return ActionOutcome.Conflict;
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}";
        await TimelineAsync(referral.Id, clock.GetUtcNow(),
            $"Session moved by {by.Name} from {current.Slot.StartsAt:yyyy-MM-dd HH:mm} UTC to {slot.StartsAt:yyyy-MM-dd HH:mm} UTC{why}", cancellationToken);
        return ActionOutcome.Done;
    }

    public async Task<(ActionOutcome Result, int SessionNumber)> RecordSessionAsync(
        CoordinatorCaller by, ReferralRecord referral, SessionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(input);
        if (!referral.Stage.Allows(CoordinatorAction.RecordSession))
        {
            return (ActionOutcome.WrongStage, 0);
        }

        var now = clock.GetUtcNow();
        var number = (await sessions.ListSessionsAsync(referral.Id, cancellationToken)).Select(s => s.SessionNumber).DefaultIfEmpty(0).Max() + 1;
        var record = new SessionRecord(referral.Id, referral.Referral.VenueId, number, now, by.Id, input.PressureUsed!.Value,
            (input.SitesAvoided ?? []).Select(s => BodySites.TryParse(s, out var site) ? site.ToWire() : s).ToArray(),
            Enum.Parse<Position>(input.Position!, ignoreCase: true).ToString(),
            input.Pre!.ToRatings(), input.Post!.ToRatings(), input.Reactions, input.Notes);
        // Session n is one answer: a second insert of n that finds the same record (its own, whose answer was lost) is the
        // same submit and is delivered; a different record under n (two coordinators at once) is a conflict. The relay's
        // first look needs no read: n is one past the sessions just listed. Its second look (after an insert that found a
        // row) reads what is there.
        var outcome = await relay.StoreAndRaiseAsync(new AnswerRef(referral.Id, AnswerKind.Session, number.ToString(CultureInfo.InvariantCulture)),
            async ct => AnswerComparison.Of(await sessions.GetSessionAsync(referral.Id, number, ct) is { } stored ? Comparable(stored) : null, Comparable(record)),
            ct => sessions.TryRecordSessionAsync(record, ct),
            cancellationToken, StoredAnswers.Of(record), firstLook: StoredAnswer.None);
        if (outcome == RelayOutcome.Conflict)
        {
            return (ActionOutcome.Conflict, number);
        }

        await TimelineAsync(referral.Id, now, $"Session {number} recorded by {by.Name}", cancellationToken);
        return (ActionOutcome.Done, number);
    }

    /// <summary>What a session record says, without when it was stored (a repeated submit of the same record is the same session).</summary>
    private static SessionRecord Comparable(SessionRecord record) => record with { RecordedAt = default };

    private Task TimelineAsync(string referralId, DateTimeOffset at, string detail, CancellationToken cancellationToken) =>
        referrals.AppendExternalTimelineAsync(referralId, "action:" + Guid.NewGuid().ToString("N"), at, TimelineKind.CoordinatorAction, detail, cancellationToken);
}

public enum ActionOutcome
{
    Done,

    /// <summary>The action does not fit the referral's stage (409).</summary>
    WrongStage,

    /// <summary>The slot is not among the offered ones (422).</summary>
    SlotNotOffered,

    /// <summary>The slot was taken meanwhile, or the session number was recorded meanwhile (409).</summary>
    Conflict,

    /// <summary>The referral was just accepted and its orchestration has not started yet: try again in a few seconds (409).</summary>
    Starting,
}
