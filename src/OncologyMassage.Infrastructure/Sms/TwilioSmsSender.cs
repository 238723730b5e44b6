using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Sends a text through Twilio's Messages API with the SDK's <see cref="MessageResource.CreateAsync(CreateMessageOptions, ITwilioRestClient)"/>.
/// The <see cref="ITwilioRestClient"/> is built once (DI) over the "Twilio" HttpClient, whose resilience pipeline
/// retries 429 and 5xx. What still fails becomes a <see cref="MessageDeliveryException"/> (try again later) or a
/// <see cref="PermanentDeliveryException"/> (another 4xx: invalid number, unverified sender, bad credentials).
/// Logs carry the idempotency key, status and Twilio error code only: never the number, the body or the token.
/// The status callback URL carries the outbox key, signed (<see cref="MessageCallbackTokens"/>), in the query parameter
/// <see cref="CallbackKeyParameter"/>: a callback then finds its outbox row by one point read, even if the send crashed before
/// the SID was recorded, and no SID index row is needed (<see cref="ReportsCarryOutboxKey"/>).
/// </summary>
public sealed partial class TwilioSmsSender(ITwilioRestClient client, IOptions<TwilioOptions> options, IOptions<LinkOptions> links, MessageCallbackTokens tokens, ILogger<TwilioSmsSender> logger)
    : ISmsSender, IOutboxKeyedReports
{
    public const string ProviderName = "Twilio";

    /// <summary>
    /// True when each text names our status callback (<see cref="TwilioOptions.StatusCallbackPath"/> set), whose URL carries
    /// the signed key. With no path of ours, Twilio posts to the Messaging Service's own callback, without the key: false.
    /// </summary>
    public bool ReportsCarryOutboxKey => !string.IsNullOrEmpty(options.Value.StatusCallbackPath);

    /// <summary>The status callback's query parameter holding the signed outbox key.</summary>
    public const string CallbackKeyParameter = "m";

    public async Task<string> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var settings = options.Value;
        var create = new CreateMessageOptions(new PhoneNumber(sms.To)) { Body = sms.Body };
        if (!string.IsNullOrEmpty(settings.StatusCallbackPath))
        {
            // Delivery reports come back to POST /api/sms/status, signed like every Twilio webhook, with our signed outbox key.
            var token = tokens.Create(sms.ReferralId, sms.IdempotencyKey);
            create.StatusCallback = settings.WebhookUrl(links.Value.PublicBaseUrl, $"{settings.StatusCallbackPath}?{CallbackKeyParameter}={token}");
        }

        if (!string.IsNullOrEmpty(settings.MessagingServiceSid))
        {
            create.MessagingServiceSid = settings.MessagingServiceSid;
        }
        else
        {
            create.From = new PhoneNumber(settings.FromNumber);
        }

        MessageResource message;
        try
        {
            // The SDK takes no cancellation token; the HttpClient pipeline's timeouts bound the call.
            message = await MessageResource.CreateAsync(create, client).WaitAsync(cancellationToken);
        }
        catch (ApiException ex)
        {
            throw Refused(sms.IdempotencyKey, ex.Status, ex.Code, ex);
        }
        catch (ApiStandardException ex)
        {
            throw Refused(sms.IdempotencyKey, ex.Status, ex.Code, ex);
        }
        catch (ApiConnectionException ex)
        {
            LogUnreachable(logger, sms.IdempotencyKey, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            throw VendorFailure.MayHaveReachedVendor(ex)
                ? new UncertainDeliveryException(ProviderName, "Twilio did not answer; it may have accepted the text.", ex)
                : new MessageDeliveryException(ProviderName, null, null, "Twilio was unreachable.", ex);
        }

        LogSent(logger, sms.IdempotencyKey, message.Sid);
        return message.Sid;
    }

    private MessageDeliveryException Refused(string idempotencyKey, int status, int code, Exception inner)
    {
        var permanent = VendorStatus.IsPermanent(status);
        LogRefused(logger, idempotencyKey, status, code, permanent);
        var errorCode = code == 0 ? null : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = $"Twilio refused the message (HTTP {status}, error {errorCode ?? "none"}).";
        return permanent
            ? new PermanentDeliveryException(ProviderName, status, errorCode, text, inner)
            : new MessageDeliveryException(ProviderName, status == 0 ? null : status, errorCode, text, inner);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "SMS {IdempotencyKey} accepted by Twilio as {MessageSid}")]
    private static partial void LogSent(ILogger logger, string idempotencyKey, string messageSid);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "SMS {IdempotencyKey} refused by Twilio: HTTP {Status}, error {ErrorCode}, permanent {Permanent}")]
    private static partial void LogRefused(ILogger logger, string idempotencyKey, int status, int errorCode, bool permanent);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "SMS {IdempotencyKey} not sent: Twilio unreachable ({Failure})")]
    private static partial void LogUnreachable(ILogger logger, string idempotencyKey, string failure);
}
