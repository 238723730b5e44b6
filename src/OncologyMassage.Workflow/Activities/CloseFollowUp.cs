using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="CloseFollowUp"/>: a follow-up whose reply window ended without an answer.</summary>
public sealed record FollowUpWindowClosed(string ReferralId, int SessionNumber, FollowUpKind Kind, JourneyStep Step);

/// <summary>Records "no reply" for a follow-up (never a zero score) and stops routing texts from the client's number to it.</summary>
public sealed class CloseFollowUp(IReferralStore store, ISessionStore sessions, IPhoneIndex phones) : IActivity<FollowUpWindowClosed, bool>
{
    public async Task<bool> RunAsync(FollowUpWindowClosed input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var referral = await store.GetFactsAsync(input.ReferralId, cancellationToken);
        await sessions.RecordFollowUpAsync(new FollowUpRecord(input.ReferralId, FollowUps.Id(input.Kind, input.SessionNumber), input.SessionNumber,
            input.Kind, false, input.Step.At, [], null, RedFlagLevel.None), referral?.Referral.VenueId, cancellationToken);
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.Note, input.Step.Stage,
            $"No reply to the {FollowUps.Describe(input.Kind)} follow-up of session {input.SessionNumber} within the window (recorded as no reply, not as a score)"), cancellationToken);
        if (referral is not null)
        {
            await phones.ClearAwaitingFollowUpAsync(referral.Referral.Client.MobilePhone, input.ReferralId, FollowUps.Id(input.Kind, input.SessionNumber), cancellationToken);
        }

        return true;
    }
}
