namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Implemented by a sender (<see cref="ISmsSender"/>, <see cref="IEmailSender"/>) to say whether every delivery report its
/// vendor sends for a message carries that message's outbox key (Twilio: the signed key in the status-callback URL;
/// SendGrid: the custom args). When it does, a report finds its outbox row by one point read on (referral, key), and the
/// outbox writes no provider-id index row for the message. A sender that does not implement this, or answers false
/// (e.g. Twilio with no status callback of ours, so the Messaging Service's own callback, without the key, is used), gets
/// the index row: the safe default.
/// </summary>
public interface IOutboxKeyedReports
{
    /// <summary>True when every report for a message this sender sends will carry the message's outbox key.</summary>
    bool ReportsCarryOutboxKey { get; }
}
