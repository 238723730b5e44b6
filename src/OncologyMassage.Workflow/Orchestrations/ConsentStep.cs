using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// Informed consent before the first session: a signed link to the venue's current consent document; one reminder; if it is
/// not signed before the session starts, the booking is freed and the referral expires. A later withdrawal ends the journey
/// from any wait (see <see cref="Journey.RaceAsync"/>).
/// </summary>
internal static class ConsentStep
{
    public static async Task RunAsync(Journey journey, OfferedSlot slot)
    {
        var timings = journey.Input.Timings;
        await journey.MoveAsync(Stage.ConsentPending, "Slot booked; informed consent is needed before the first session");
        var deadline = slot.StartsAt.UtcDateTime;
        var linkExpires = slot.StartsAt;
        await journey.SendToClientAsync(ClientMessageKind.ConsentRequest, "consent:1",
            step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.ConsentRequest, "consent:1", step) { LinkExpiresAt = linkExpires });

        var reminderAt = journey.Now + timings.ConsentReminderAfter;
        var signed = await journey.WaitAsync<FormSubmitted>(WorkflowEvents.ConsentSigned, reminderAt < deadline ? reminderAt : deadline);
        if (signed is null && journey.Now < deadline)
        {
            await journey.SendToClientAsync(ClientMessageKind.ConsentRequest, "consent:2",
                step => new ClientMessage(journey.Input.ReferralId, ClientMessageKind.ConsentRequest, "consent:2", step) { LinkExpiresAt = linkExpires, Reminder = true });
            signed = await journey.WaitAsync<FormSubmitted>(WorkflowEvents.ConsentSigned, deadline);
        }

        if (signed is null)
        {
            await journey.CloseAsync(Stage.Expired, "Consent was not signed before the session; the slot was freed");
        }
    }
}
