using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Infrastructure.Messaging;

/// <summary>
/// Which adapter sends each channel, and the HTTP resilience every vendor client shares (section <c>Messaging</c>).
/// The default is the dev outbox for both channels, so nothing leaves a machine unless a deployment asks for it.
/// </summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public EmailProvider EmailProvider { get; set; } = EmailProvider.DevOutbox;

    public SmsProvider SmsProvider { get; set; } = SmsProvider.DevOutbox;

    /// <summary>Retries after the first attempt, on 429, 5xx and connection failures only (0 turns retries off).</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential backoff (with jitter). A Retry-After header from the vendor replaces it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a retry. A vendor whose Retry-After asks for longer is not retried here: the send fails and the activity's retry policy tries later.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one send, retries and their waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

public enum EmailProvider
{
    /// <summary>Keep email in the outbox table (local host, tests, and any deployment until SendGrid is configured).</summary>
    DevOutbox,

    SendGrid,
}

public enum SmsProvider
{
    /// <summary>Keep texts in the outbox table.</summary>
    DevOutbox,

    Twilio,
}
