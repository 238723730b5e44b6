namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// A text message ready to send. <see cref="IdempotencyKey"/> is (referral, step, attempt); <see cref="To"/> is an E.164
/// number (+15551234567); <see cref="Body"/> is PHI-minimal (venue, action, link or a generic question).
/// </summary>
public sealed record OutgoingSms(string IdempotencyKey, string ReferralId, string To, string Body);
