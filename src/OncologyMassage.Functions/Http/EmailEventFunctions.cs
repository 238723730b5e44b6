using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OncologyMassage.Functions.Http.Access;
using OncologyMassage.Infrastructure.Email;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// SendGrid's signed event webhook: delivered, bounce and dropped events update the outbox row; bounces and drops go on
/// the referral's timeline. Anonymous to the Functions host; the ECDSA signature over timestamp + raw body is the
/// credential, and a timestamp further from now than <c>SendGrid:WebhookTolerance</c> is refused as a replay.
/// </summary>
public sealed class EmailEventFunctions(SendGridEventSignatureValidator signatures, FailedAuthenticationLimiter limiter, IOptions<SendGridOptions> options, DeliveryReports reports, TimeProvider clock)
{
    /// <summary>Largest accepted batch (SendGrid posts up to about 1 MB of events at a time).</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    [Function(nameof(ReceiveEmailEvents))]
    [Anonymous("SendGrid calls it; the function checks SendGrid's signed event webhook.")]
    public async Task<IActionResult> ReceiveEmailEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EmailEvents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (limiter.Refusal(request, AuthenticationKind.SendGridSignature) is { } throttled)
        {
            return throttled;
        }

        var (body, tooLarge) = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return tooLarge!;
        }

        var timestamp = request.Headers[SendGridEventSignatureValidator.TimestampHeader].ToString();
        if (!signatures.IsValid(body, request.Headers[SendGridEventSignatureValidator.SignatureHeader].ToString(), timestamp))
        {
            return limiter.RecordFailure(request, AuthenticationKind.SendGridSignature)
                ?? Forbidden(request, "The event batch is not signed with the configured SendGrid verification key.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > options.Value.WebhookTolerance)
        {
            return Forbidden(request, "The signed timestamp is too far from now; a replayed batch is refused.");
        }

        IReadOnlyList<DeliveryReport> events;
        try
        {
            events = SendGridEvents.Read(body);
        }
        catch (JsonException)
        {
            return Problems.BadRequest(request, "The body must be SendGrid's JSON array of event objects.");
        }

        foreach (var report in events)
        {
            await reports.ApplyAsync(report, cancellationToken);
        }

        return new ApiResult(StatusCodes.Status204NoContent, null);
    }

    private static ApiResult Forbidden(HttpRequest request, string detail) =>
        Problems.Create(request, StatusCodes.Status403Forbidden, "invalid-signature", "The request is not signed by SendGrid.", detail);
}
