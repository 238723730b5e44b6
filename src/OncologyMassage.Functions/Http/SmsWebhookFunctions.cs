using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Twilio's webhooks: inbound texts and message status callbacks. Anonymous to the Functions host because Twilio
/// cannot send a function key; the <c>X-Twilio-Signature</c> over the public URL and every form field is the
/// credential, checked before anything is read or written. Forged or unsigned → 403 and no effect. Unless Twilio is the
/// SMS provider (or a <see cref="SimulatedSmsCarrier"/> plays it locally) both routes answer 404 before reading the body:
/// a deployment that sends no texts accepts no texts.
/// </summary>
public sealed class SmsWebhookFunctions(
    TwilioSignatureValidator signatures,
    FailedAuthenticationLimiter limiter,
    InboundSms inbound,
    DeliveryReports reports,
    MessageCallbackTokens callbackTokens,
    TimeProvider clock,
    IOptions<MessagingOptions> messaging,
    IEnumerable<SimulatedSmsCarrier> simulators)
{
    /// <summary>Largest accepted form (Twilio's inbound message form is a few KB).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    [Function(nameof(ReceiveSms))]
    [Anonymous("Twilio calls it; the function checks Twilio's request signature.")]
    public async Task<IActionResult> ReceiveSms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SmsInbound)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (form, refusal) = await ReadSignedFormAsync(request, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        var from = form.GetValueOrDefault("From");
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(from))
        {
            return Problems.Validation(request, new Dictionary<string, string[]>
            {
                [string.IsNullOrEmpty(sid) ? "MessageSid" : "From"] = ["Twilio's inbound message form must carry MessageSid and From."],
            });
        }

        var answer = await inbound.HandleAsync(new InboundSmsMessage(sid, from, form.GetValueOrDefault("Body") ?? ""), cancellationToken);
        return new TwimlResult(answer.Reply);
    }

    [Function(nameof(ReceiveSmsStatus))]
    [Anonymous("Twilio calls it; the function checks Twilio's request signature.")]
    public async Task<IActionResult> ReceiveSmsStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SmsStatus)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (form, refusal) = await ReadSignedFormAsync(request, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        // The outbox key we put in the callback URL, signed: checked on top of Twilio's signature (which covers the URL).
        MessageKey? key = null;
        if (request.Query.TryGetValue(TwilioSmsSender.CallbackKeyParameter, out var token))
        {
            key = callbackTokens.Check(token.ToString());
            if (key is null)
            {
                return Problems.Create(request, StatusCodes.Status403Forbidden, "invalid-message-key", "The message key in the callback URL is not ours.",
                    "The status callback's message key is malformed or not signed with this deployment's link-signing key.");
            }
        }

        if (TwilioStatusCallback.Read(form, clock.GetUtcNow()) is { } report)
        {
            await reports.ApplyAsync(key is null ? report : report with { ReferralId = key.ReferralId, IdempotencyKey = key.IdempotencyKey }, cancellationToken);
        }

        return new ApiResult(StatusCodes.Status204NoContent, null);
    }

    /// <summary>The form when its signature is Twilio's; otherwise the 404 (Twilio not in use), 413 or 403 to answer.</summary>
    private async Task<(IReadOnlyDictionary<string, string>? Form, IActionResult? Refusal)> ReadSignedFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (messaging.Value.SmsProvider != SmsProvider.Twilio && !simulators.Any())
        {
            return (null, Problems.NotFound(request, "This deployment does not receive text messages."));
        }

        if (limiter.Refusal(request, AuthenticationKind.TwilioSignature) is { } throttled)
        {
            return (null, throttled);
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var (fields, problem) = await BoundedBody.ReadFormAsync(request, cancellationToken, MaxBodyBytes);
            if (fields is null)
            {
                return (null, problem);
            }

            foreach (var (key, value) in fields)
            {
                form[key] = value.ToString();
            }
        }

        var pathAndQuery = request.Path.Value + request.QueryString.Value;
        if (!signatures.IsValid(pathAndQuery, form, request.Headers[TwilioSignatureValidator.SignatureHeader].ToString()))
        {
            return (null, limiter.RecordFailure(request, AuthenticationKind.TwilioSignature) ?? Problems.Create(request, StatusCodes.Status403Forbidden, "invalid-signature", "The request is not signed by Twilio.",
                "X-Twilio-Signature is missing or does not match this request and the configured public URL."));
        }

        return (form, null);
    }
}
