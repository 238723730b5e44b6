using System.Text.Json;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// Reads SendGrid's event webhook body (a JSON array of events) as delivery reports: <c>processed</c> → Sent (SendGrid
/// accepted it: this settles a row whose send crashed before the id was recorded); <c>delivered</c> → Delivered;
/// <c>bounce</c> and <c>dropped</c> → Bounced, permanent. Engagement and transient events (deferred, open, click…)
/// change nothing. The message id is <c>sg_message_id</c> up to its first '.', which is the X-Message-Id the send
/// returned; our <c>referral_id</c> and <c>idempotency_key</c> custom args come back on each event.
/// </summary>
public static class SendGridEvents
{
    /// <summary>The reports in the body; throws <see cref="JsonException"/> when it is not a JSON array of objects.</summary>
    public static IReadOnlyList<DeliveryReport> Read(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The body must be a JSON array of events.");
        }

        var reports = new List<DeliveryReport>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("Each event must be a JSON object.");
            }

            var kind = Text(e, "event");
            var (status, permanent) = kind switch
            {
                "processed" => (OutboxStatus.Sent, false),
                "delivered" => (OutboxStatus.Delivered, false),
                "bounce" or "dropped" => (OutboxStatus.Bounced, true),
                _ => ((OutboxStatus?)null, false),
            };
            var messageId = Text(e, "sg_message_id")?.Split('.')[0];
            if (status is null || string.IsNullOrEmpty(messageId))
            {
                continue;
            }

            var at = e.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow;
            // The bounce "reason" can quote the receiving server; keep only SendGrid's classification and status code.
            var code = Text(e, "status");
            var text = permanent ? kind + (Text(e, "type") is { } type && type != kind ? " (" + type + ")" : "") : null;
            reports.Add(new DeliveryReport(MessageChannel.Email, messageId, status.Value, code, text, permanent, at,
                Text(e, "referral_id"), Text(e, "idempotency_key")));
        }

        return reports;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
