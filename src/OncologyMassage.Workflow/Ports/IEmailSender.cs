namespace OncologyMassage.Workflow.Ports;

/// <summary>Sends one email. Adapters: the dev outbox (local) and SendGrid (Azure).</summary>
public interface IEmailSender
{
    /// <summary>Sends and returns the provider's message id.</summary>
    Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>An email ready to send. <see cref="IdempotencyKey"/> is (referral, step, attempt).</summary>
public sealed record OutgoingEmail(string IdempotencyKey, string ReferralId, string To, string Subject, string TextBody)
{
    /// <summary>Files sent with the email: today only the session's calendar invite (docs/calendar.md).</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// A text attachment: its file name, MIME type (e.g. <c>text/calendar; method=REQUEST</c>) and content. Kept in the outbox
/// row with the body, so a resend after a crash carries it too; like the body it never holds health information.
/// </summary>
public sealed record EmailAttachment(string FileName, string ContentType, string Content);
