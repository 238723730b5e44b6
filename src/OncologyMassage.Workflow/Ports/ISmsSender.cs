namespace OncologyMassage.Workflow.Ports;

/// <summary>Sends one text message. Adapters: the dev outbox (local) and Twilio (Azure).</summary>
public interface ISmsSender
{
    /// <summary>Sends and returns the provider's message id (a Twilio message SID).</summary>
    Task<string> SendAsync(OutgoingSms sms, CancellationToken cancellationToken);
}
