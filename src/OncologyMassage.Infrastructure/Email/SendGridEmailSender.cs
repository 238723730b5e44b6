using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// Sends email through SendGrid's v3 mail/send with the SDK's <see cref="ISendGridClient"/>, built once (DI) over the
/// "SendGrid" HttpClient (so the SDK's own retry handler is not used; the pipeline retries 429 and 5xx).
/// Bodies are rendered on the server as plain text (<see cref="OutgoingEmail.TextBody"/>, from the domain's
/// PHI-checked templates) rather than SendGrid dynamic templates: the text a test checks is the text that is sent, and
/// templates live in the repository, not in a vendor console. Click and open tracking are off so links reach the reader
/// unchanged. Attachments (a session's calendar invite) go as v3 attachments, base64 with their MIME type. The idempotency key and referral id travel as custom args, so event webhooks can find the outbox row.
/// SendGrid answers a refusal with a response rather than an exception; a non-2xx becomes a
/// <see cref="MessageDeliveryException"/> or, for a 4xx other than 429, a <see cref="PermanentDeliveryException"/>.
/// </summary>
public sealed partial class SendGridEmailSender(ISendGridClient client, IOptions<EmailOptions> sender, ILogger<SendGridEmailSender> logger) : IEmailSender, IOutboxKeyedReports
{
    public const string ProviderName = "SendGrid";

    /// <summary>Every send carries the key as custom args, and SendGrid echoes them on every event: no message-id index row is needed.</summary>
    public bool ReportsCarryOutboxKey => true;

    public const string IdempotencyKeyArg = "idempotency_key";

    public const string ReferralIdArg = "referral_id";

    public async Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var from = sender.Value;
        var message = new SendGridMessage
        {
            From = new EmailAddress(from.FromAddress, from.FromName),
            Subject = email.Subject,
            PlainTextContent = email.TextBody,
            CustomArgs = new Dictionary<string, string>
            {
                [IdempotencyKeyArg] = email.IdempotencyKey,
                [ReferralIdArg] = email.ReferralId,
            },
        };
        message.AddTo(new EmailAddress(email.To));
        foreach (var attachment in email.Attachments)
        {
            // v3 mail/send takes attachments base64-encoded, with their MIME type (text/calendar; method=REQUEST for an invite).
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(attachment.Content)), attachment.ContentType, "attachment");
        }

        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(email.IdempotencyKey, ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw Unreachable(email.IdempotencyKey, ex);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers?.TryGetValues("X-Message-Id", out var values) == true ? values.FirstOrDefault() : null;
            id ??= "sendgrid:" + email.IdempotencyKey;
            LogSent(logger, email.IdempotencyKey, id);
            return id;
        }

        var permanent = VendorStatus.IsPermanent(status);
        LogRefused(logger, email.IdempotencyKey, status, permanent);
        var text = $"SendGrid refused the email (HTTP {status}).";
        throw permanent
            ? new PermanentDeliveryException(ProviderName, status, null, text)
            : new MessageDeliveryException(ProviderName, status, null, text);
    }

    private MessageDeliveryException Unreachable(string idempotencyKey, Exception ex)
    {
        LogUnreachable(logger, idempotencyKey, ex.GetType().Name);
        return VendorFailure.MayHaveReachedVendor(ex)
            ? new UncertainDeliveryException(ProviderName, "SendGrid did not answer; it may have accepted the email.", ex)
            : new MessageDeliveryException(ProviderName, null, null, "SendGrid was unreachable.", ex);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Email {IdempotencyKey} accepted by SendGrid as {MessageId}")]
    private static partial void LogSent(ILogger logger, string idempotencyKey, string messageId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Email {IdempotencyKey} refused by SendGrid: HTTP {Status}, permanent {Permanent}")]
    private static partial void LogRefused(ILogger logger, string idempotencyKey, int status, bool permanent);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Email {IdempotencyKey} not sent: SendGrid unreachable ({Failure})")]
    private static partial void LogUnreachable(ILogger logger, string idempotencyKey, string failure);
}
