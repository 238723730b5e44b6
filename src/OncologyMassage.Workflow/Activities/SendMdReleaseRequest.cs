using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="SendMdReleaseRequest"/>: attempt 1 is the request, later attempts are reminders.</summary>
public sealed record MdReleaseRequestMessage(string ReferralId, int Attempt, DateTimeOffset RespondBy, int TimelineSequence, DateTimeOffset At);

/// <summary>Emails the referring oncologist the link to the release form, once per attempt (outbox-guarded).</summary>
public sealed class SendMdReleaseRequest(IReferralStore store, MessageDispatcher dispatcher, SignedLinks links)
    : IActivity<MdReleaseRequestMessage, DispatchOutcome>
{
    public async Task<DispatchOutcome> RunAsync(MdReleaseRequestMessage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await store.GetAsync(input.ReferralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} does not exist.");

        var link = links.Create(LinkPurposes.Release, input.ReferralId, input.RespondBy);
        var content = MessageTemplates.MdReleaseRequest(record.Referral.VenueId, link, input.RespondBy);
        var key = $"{input.ReferralId}:md-release:{input.Attempt}";
        var outcome = await dispatcher.SendEmailAsync(
            new OutgoingEmail(key, input.ReferralId, record.Referral.Oncologist.Email, content.Subject, content.TextBody), cancellationToken);

        var what = input.Attempt == 1 ? "Release request emailed to the referring oncologist" : $"Release reminder {input.Attempt - 1} emailed to the referring oncologist";
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.TimelineSequence, input.At, TimelineKind.MessageSent,
            Stage.MdReleaseRequested, outcome == DispatchOutcome.Uncertain ? what + " (delivery uncertain after a retry: check the outbox)" : what), cancellationToken);
        return outcome;
    }
}
