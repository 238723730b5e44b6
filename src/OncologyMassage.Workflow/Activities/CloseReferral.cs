using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="CloseReferral"/>.</summary>
public sealed record ReferralClosing(string ReferralId, string VenueId);

/// <summary>When a journey ends early (cancelled, withdrawn, expired): frees its booked slot and stops routing texts to it. Idempotent.</summary>
public sealed class CloseReferral(IBookingStore bookings, IReferralStore store, IPhoneIndex phones) : IActivity<ReferralClosing, bool>
{
    public async Task<bool> RunAsync(ReferralClosing input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.ReleaseAsync(input.VenueId, input.ReferralId, cancellationToken);
        if (await store.GetAsync(input.ReferralId, cancellationToken) is { } referral)
        {
            await phones.ClearAwaitingAsync(referral.Referral.Client.MobilePhone, input.ReferralId, cancellationToken);
        }

        return true;
    }
}
