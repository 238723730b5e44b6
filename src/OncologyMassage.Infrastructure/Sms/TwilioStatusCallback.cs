using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Reads a Twilio message status callback (form fields <c>MessageSid</c>, <c>MessageStatus</c>, <c>ErrorCode</c>) as a
/// delivery report. <c>failed</c> and <c>undelivered</c> become <see cref="OutboxStatus.Undelivered"/>; they are permanent
/// (on the timeline) for the codes that will not change by sending again.
/// </summary>
public static class TwilioStatusCallback
{
    /// <summary>Unreachable handset (30003), unknown handset (30005), landline or unreachable carrier (30006), invalid 'To' number (21211), recipient unsubscribed (21610).</summary>
    public static IReadOnlyDictionary<string, string> PermanentErrors { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["30003"] = "unreachable handset",
        ["30005"] = "unknown or inactive number",
        ["30006"] = "landline or unreachable carrier",
        ["21211"] = "invalid number",
        ["21610"] = "the number has unsubscribed from texts",
    };

    /// <summary>The report, or null for a status that changes nothing here (queued, sending, accepted, scheduled…) or a form without a MessageSid.</summary>
    public static DeliveryReport? Read(IReadOnlyDictionary<string, string> form, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        if (string.IsNullOrEmpty(sid))
        {
            return null;
        }

        var status = (form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus") ?? "").ToLowerInvariant() switch
        {
            "sent" => OutboxStatus.Sent,
            "delivered" or "read" => OutboxStatus.Delivered,
            "undelivered" or "failed" => OutboxStatus.Undelivered,
            _ => (OutboxStatus?)null,
        };
        if (status is null)
        {
            return null;
        }

        var code = form.GetValueOrDefault("ErrorCode") is { Length: > 0 } c ? c : null;
        var permanent = status == OutboxStatus.Undelivered && code is not null && PermanentErrors.ContainsKey(code);
        return new DeliveryReport(MessageChannel.Sms, sid, status.Value, code, code is null ? null : PermanentErrors.GetValueOrDefault(code), permanent, at);
    }
}
