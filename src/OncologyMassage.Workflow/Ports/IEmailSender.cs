namespace OncologyMassage.Workflow.Ports;

/// <summary>Sends one email. Adapters: the dev outbox (local) and SendGrid (Azure).</summary>
public interface IEmailSender
{
    /// <summary>Sends and returns the provider's message id.</summary>
    Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>An email ready to send. <see cref="IdempotencyKey"/> is (referral, step, attempt).</summary>
public sealed record OutgoingEmail(string IdempotencyKey, string ReferralId, string To, string Subject, string TextBody);
