using OncologyMassage.Domain.Messages;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="NotifyCoordinator"/>. <see cref="Key"/> makes the email once-only (e.g. "release-overdue").</summary>
public sealed record CoordinatorNotice(string ReferralId, CoordinatorNoticeKind Kind, string Key, JourneyStep Step)
{
    public DateTimeOffset? RespondBy { get; init; }
}

public enum CoordinatorNoticeKind
{
    ReleaseOverdue,
    NoSlotsAvailable,
    SessionNotRecorded,
    RedFlagSameDay,
    RedFlagImmediate,
    NoContactChannel,
}

/// <summary>Emails the venue coordinator (once per key) and records it on the timeline. No clinical detail in the email.</summary>
public sealed class NotifyCoordinator(ReferralContext referrals, IReferralStore store, MessageDispatcher dispatcher)
    : IActivity<CoordinatorNotice, DispatchOutcome>
{
    public async Task<DispatchOutcome> RunAsync(CoordinatorNotice input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (record, venue) = await referrals.LoadAsync(input.ReferralId, cancellationToken);
        var venueName = ReferralContext.VenueName(record, venue);
        var content = input.Kind switch
        {
            CoordinatorNoticeKind.ReleaseOverdue => MessageTemplates.ReleaseEscalation(venueName, record.Id, input.RespondBy ?? input.Step.At),
            CoordinatorNoticeKind.NoSlotsAvailable => MessageTemplates.CoordinatorAlert(venueName, record.Id, false, "No free session slot could be offered"),
            CoordinatorNoticeKind.SessionNotRecorded => MessageTemplates.CoordinatorAlert(venueName, record.Id, false, "The booked session has not been recorded"),
            CoordinatorNoticeKind.RedFlagImmediate => MessageTemplates.CoordinatorAlert(venueName, record.Id, true, "A client's reply"),
            CoordinatorNoticeKind.RedFlagSameDay => MessageTemplates.CoordinatorAlert(venueName, record.Id, false, "A client's reply"),
            _ => MessageTemplates.CoordinatorAlert(venueName, record.Id, false, "The client cannot be reached by text or email"),
        };

        var outcome = DispatchOutcome.Uncertain;
        if (venue is not null)
        {
            outcome = await dispatcher.SendEmailAsync(
                new OutgoingEmail($"{record.Id}:coordinator:{input.Key}", record.Id, venue.CoordinatorEmail, content.Subject, content.TextBody), cancellationToken);
        }

        var what = input.Kind switch
        {
            CoordinatorNoticeKind.ReleaseOverdue => "Coordinator alerted: the release is still undecided after two reminders",
            CoordinatorNoticeKind.NoSlotsAvailable => "Coordinator alerted: no free slot to offer; book one from the dashboard",
            CoordinatorNoticeKind.SessionNotRecorded => "Coordinator alerted: the session has not been recorded",
            CoordinatorNoticeKind.RedFlagImmediate => "Coordinator alerted at once: red flag (immediate)",
            CoordinatorNoticeKind.RedFlagSameDay => "Coordinator alerted: red flag (same day)",
            _ => "Coordinator alerted: the client cannot be reached by text or email",
        };
        if (venue is null)
        {
            what += " (venue has no coordinator on file: nothing was emailed)";
        }

        await store.AppendTimelineAsync(record.Id, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.Note, input.Step.Stage, what), cancellationToken);
        return outcome;
    }
}
