using OncologyMassage.Domain.Messages;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="SendCareTeamSummary"/>.</summary>
public sealed record CareTeamSummaryMessage(string ReferralId, DateTimeOffset LinkExpiresAt, JourneyStep Step);

/// <summary>
/// Emails the referring oncologist a signed link to the outcome summary (sessions, adaptations, score changes, reactions,
/// red flags). The email body itself carries no clinical detail.
/// </summary>
public sealed class SendCareTeamSummary(ReferralContext referrals, IReferralStore store, MessageDispatcher dispatcher, SignedLinks links)
    : IActivity<CareTeamSummaryMessage, DispatchOutcome>
{
    public async Task<DispatchOutcome> RunAsync(CareTeamSummaryMessage input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (record, venue) = await referrals.LoadAsync(input.ReferralId, cancellationToken);
        var content = MessageTemplates.CareTeamSummary(ReferralContext.VenueName(record, venue), links.Create(LinkPurposes.Summary, record.Id, input.LinkExpiresAt));
        var outcome = await dispatcher.SendEmailAsync(
            new OutgoingEmail($"{record.Id}:care-team-summary", record.Id, record.Referral.Oncologist.Email, content.Subject, content.TextBody), cancellationToken);
        await store.AppendTimelineAsync(record.Id, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.MessageSent, input.Step.Stage,
            "Outcome summary link emailed to the referring oncologist" + (outcome == DispatchOutcome.Uncertain ? " (an earlier attempt was interrupted: being confirmed with the provider)" : "")), cancellationToken);
        return outcome;
    }
}
