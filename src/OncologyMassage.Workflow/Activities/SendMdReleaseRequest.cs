using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="SendMdReleaseRequest"/>: attempt 1 is the request, later attempts are reminders.</summary>
public sealed record MdReleaseRequestMessage(string ReferralId, int Attempt, DateTimeOffset RespondBy, int TimelineSequence, DateTimeOffset At)
{
    /// <summary>True for a specific question about a plan on hold (Walton: ask about the plan), false for the release itself.</summary>
    public bool Question { get; init; }
}

/// <summary>Emails the referring oncologist the link to the release form, once per attempt (outbox-guarded).</summary>
public sealed class SendMdReleaseRequest(IReferralStore store, IVenueStore venues, MessageDispatcher dispatcher, SignedLinks links)
    : IActivity<MdReleaseRequestMessage, DispatchOutcome>
{
    public async Task<DispatchOutcome> RunAsync(MdReleaseRequestMessage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await store.GetFactsAsync(input.ReferralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} does not exist.");

        var venueName = ReferralContext.VenueName(record, await venues.GetAsync(record.Referral.VenueId, cancellationToken));
        var link = links.Create(input.Question ? LinkPurposes.MdQuestion : LinkPurposes.Release, input.ReferralId, input.RespondBy);
        var content = input.Question
            ? MessageTemplates.MdQuestion(venueName, link, input.RespondBy)
            : MessageTemplates.MdReleaseRequest(venueName, link, input.RespondBy);
        var key = input.Question
            ? $"{input.ReferralId}:md-question:{input.RespondBy.ToUnixTimeSeconds()}:{input.Attempt}"
            : $"{input.ReferralId}:md-release:{input.Attempt}";
        var outcome = await dispatcher.SendEmailAsync(
            new OutgoingEmail(key, input.ReferralId, record.Referral.Oncologist.Email, content.Subject, content.TextBody), cancellationToken);

        var subject = input.Question ? "Question about the plan" : "Release request";
        var what = input.Attempt == 1 ? $"{subject} emailed to the referring oncologist" : $"{subject} reminder {input.Attempt - 1} emailed to the referring oncologist";
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.TimelineSequence, input.At, TimelineKind.MessageSent,
            input.Question ? Stage.NeedsMdInput : Stage.MdReleaseRequested, outcome == DispatchOutcome.Uncertain ? what + " (an earlier attempt was interrupted: being confirmed with the provider, resent only if it never went out)" : what), cancellationToken);
        return outcome;
    }
}
