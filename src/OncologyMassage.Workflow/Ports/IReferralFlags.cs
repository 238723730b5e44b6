namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Marks a referral for the coordinators' pipeline (the stage index row, and the referral row so the flag follows the
/// referral to its next stage). Activities call it for red flags; the delivery-status webhook for failed deliveries.
/// Idempotent: setting a flag twice keeps one.
/// </summary>
public interface IReferralFlags
{
    Task SetFlagAsync(string referralId, ReferralFlagKind flag, CancellationToken cancellationToken);
}

/// <summary>What the pipeline shows next to a referral, spelled as the API spells it.</summary>
public enum ReferralFlagKind
{
    RedFlagSameDay,
    RedFlagImmediate,
    NeedsMdInput,
    DeliveryFailed,
}
