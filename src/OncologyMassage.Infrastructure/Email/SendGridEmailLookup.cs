using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using SendGrid;

namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// Asks whether SendGrid has an email that an outbox row left Pending, in one of two ways (<see cref="SendGridOptions.EmailActivityApi"/>).
/// <para>
/// <b>Email Activity API</b> (a paid add-on): <c>GET /v3/messages</c> through the SDK's <see cref="ISendGridClient.RequestAsync"/>,
/// with the query <c>unique_args['idempotency_key']="…" AND unique_args['referral_id']="…" AND last_event_time BETWEEN …</c>
/// (our <c>custom_args</c> are searched as unique args), and a listed message must also have the row's recipient. Listed:
/// <see cref="VendorLookupResult.Found"/>. Not listed once <see cref="SendGridOptions.EmailActivityIndexingDelay"/> has passed
/// since the last attempt: <see cref="VendorLookupResult.NotFound"/> (resent); before that, <see cref="VendorLookupResult.NotYet"/>.
/// 401, 403 or 404 (the add-on or the key's Email Activity access is missing): <see cref="VendorLookupResult.Unknown"/>, so
/// nothing is resent and a coordinator hears of it after the last round. 429, 5xx, a timeout or no connection throw: the
/// reconciliation counts no round, resends nothing, and asks again at its next run. No timing guess is involved.
/// </para>
/// <para>
/// <b>Event webhook window</b> (without the add-on): every email SendGrid accepts produces a <c>processed</c> event carrying
/// our <c>idempotency_key</c>, and that event settles its row. A row still Pending after the reconciliation window therefore
/// had no <c>processed</c> event: SendGrid never took it, and it may be sent now. That holds only when the signed event
/// webhook is set up (<c>SendGrid:WebhookPublicKey</c>; without it, <see cref="VendorLookupResult.Unknown"/>) and when our
/// webhook could be reached for the whole window: SendGrid retries an event it could not deliver, so while this process has
/// been up for less than <see cref="OutboxOptions.ReconcileAfter"/> a missing event proves nothing yet (NotYet). This is a
/// timing argument: an event delayed past the window (a slow restarted host, SendGrid's own backlog) means a second email.
/// </para>
/// </summary>
public sealed partial class SendGridEmailLookup(
    ISendGridClient client,
    IOptions<SendGridOptions> options,
    IOptions<OutboxOptions> outbox,
    TimeProvider clock,
    ILogger<SendGridEmailLookup> logger) : IEmailLookup
{
    /// <summary>How far before the row was written the activity search starts (clock skew between us and SendGrid).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Most messages read per search; one key names one message, so more than one is already unusual.</summary>
    public const int Limit = 10;

    /// <summary>Since when this process has been able to receive SendGrid's events (it is a singleton made at start).</summary>
    private readonly DateTimeOffset listeningSince = clock.GetUtcNow();

    public Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return options.Value.EmailActivityApi ? FindInActivityAsync(row, cancellationToken) : Task.FromResult(ByEventWindow(row));
    }

    private VendorLookup ByEventWindow(OutboxRow row)
    {
        if (KeyVaultReferences.ValueOrEmpty(options.Value.WebhookPublicKey).Trim().Length == 0)
        {
            return VendorLookup.Unknown;
        }

        var watchedSince = row.LastAttemptAt > listeningSince ? row.LastAttemptAt : listeningSince;
        return clock.GetUtcNow() - watchedSince >= outbox.Value.ReconcileAfter ? VendorLookup.NotFound : VendorLookup.NotYet;
    }

    private async Task<VendorLookup> FindInActivityAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        if (!Quotable(row.IdempotencyKey) || !Quotable(row.ReferralId))
        {
            return VendorLookup.Unknown; // cannot be put in a query string literal; never guess
        }

        var now = clock.GetUtcNow();
        var query = Query(row, now);
        var response = await client.RequestAsync(BaseClient.Method.GET, queryParams: JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["limit"] = Limit.ToString(CultureInfo.InvariantCulture),
            ["query"] = Uri.EscapeDataString(query), // the SDK joins query parameters as they are given
        }), urlPath: "messages", cancellationToken: cancellationToken);

        var status = (int)response.StatusCode;
        if (status is 401 or 403 or 404)
        {
            LogActivityUnavailable(logger, row.IdempotencyKey, status);
            return VendorLookup.Unknown;
        }

        if (!response.IsSuccessStatusCode)
        {
            LogActivityFailed(logger, row.IdempotencyKey, status);
            throw new SendGridActivityException(status);
        }

        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken);
        var listed = Listed(body, row.To);
        if (listed is { } message)
        {
            return new VendorLookup(VendorLookupResult.Found, message.MessageId, message.Status);
        }

        return now - row.LastAttemptAt >= options.Value.EmailActivityIndexingDelay ? VendorLookup.NotFound : VendorLookup.NotYet;
    }

    /// <summary>The Email Activity query for the row: its key and referral as unique args, and a time window around its sends.</summary>
    public static string Query(OutboxRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var from = (row.CreatedAt - Skew).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var to = (now + Skew).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return $"unique_args['{SendGridEmailSender.IdempotencyKeyArg}']=\"{row.IdempotencyKey}\" AND unique_args['{SendGridEmailSender.ReferralIdArg}']=\"{row.ReferralId}\""
            + $" AND last_event_time BETWEEN TIMESTAMP \"{from}\" AND TIMESTAMP \"{to}\"";
    }

    private static bool Quotable(string value) => value.Length > 0 && value.IndexOfAny(['"', '\\', '\'']) < 0;

    /// <summary>The first listed message to the row's recipient: <c>{"messages":[{"msg_id","to_email","status",…}]}</c>.</summary>
    private static (string MessageId, OutboxStatus Status)? Listed(string body, string to)
    {
        using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        if (!json.RootElement.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new SendGridActivityException(200); // not the documented shape: an answer we cannot read is not "not found"
        }

        foreach (var message in messages.EnumerateArray())
        {
            var recipient = message.TryGetProperty("to_email", out var t) ? t.GetString() : null;
            if (!string.Equals(recipient, to, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var id = message.TryGetProperty("msg_id", out var m) ? m.GetString() : null;
            var status = message.TryGetProperty("status", out var s) ? s.GetString() : null;
            return (string.IsNullOrEmpty(id) ? "sendgrid:activity" : id, status switch
            {
                "delivered" => OutboxStatus.Delivered,
                "not_delivered" => OutboxStatus.Bounced,
                _ => OutboxStatus.Sent,
            });
        }

        return null;
    }

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Email {IdempotencyKey}: SendGrid's Email Activity API refused the lookup (HTTP {Status}); is the add-on on and the key allowed to read it?")]
    private static partial void LogActivityUnavailable(ILogger logger, string idempotencyKey, int status);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Email {IdempotencyKey}: SendGrid's Email Activity API failed (HTTP {Status}); asked again at the next run")]
    private static partial void LogActivityFailed(ILogger logger, string idempotencyKey, int status);
}
