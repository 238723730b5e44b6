namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// The vendor did not accept a message: a 429 or 5xx still failing after the HTTP retries, or a connection failure.
/// Worth another attempt later (the activity's retry policy). The message carries status codes and vendor error codes
/// only, never the recipient or the body.
/// </summary>
public class MessageDeliveryException : Exception
{
    public MessageDeliveryException()
    {
    }

    public MessageDeliveryException(string message)
        : base(message)
    {
    }

    public MessageDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MessageDeliveryException(string provider, int? statusCode, string? providerErrorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        StatusCode = statusCode;
        ProviderErrorCode = providerErrorCode;
    }

    /// <summary>"Twilio" or "SendGrid".</summary>
    public string? Provider { get; }

    /// <summary>The HTTP status of the last response, or null when none arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The vendor's own error code (Twilio's 21211 "invalid To number"), when it sent one.</summary>
    public string? ProviderErrorCode { get; }
}

/// <summary>
/// The vendor refused the message for good (a 4xx other than 429: invalid number, unverified sender, bad key).
/// Retrying the same request cannot succeed; the outbox row records the failure as this type.
/// </summary>
public sealed class PermanentDeliveryException : MessageDeliveryException
{
    public PermanentDeliveryException()
    {
    }

    public PermanentDeliveryException(string message)
        : base(message)
    {
    }

    public PermanentDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public PermanentDeliveryException(string provider, int? statusCode, string? providerErrorCode, string message, Exception? innerException = null)
        : base(provider, statusCode, providerErrorCode, message, innerException)
    {
    }
}

/// <summary>
/// No answer came, but the request may have reached the vendor: an attempt timed out, or the connection was lost after the
/// request was written. The vendor may have accepted the message, so sending it again could text a person twice: the
/// dispatcher leaves the outbox row Pending for <c>OutboxReconciliation</c>, which asks the vendor and resends only when
/// it has no such message (issue 16 item 1).
/// </summary>
public sealed class UncertainDeliveryException : MessageDeliveryException
{
    public UncertainDeliveryException()
    {
    }

    public UncertainDeliveryException(string message)
        : base(message)
    {
    }

    public UncertainDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public UncertainDeliveryException(string provider, string message, Exception? innerException = null)
        : base(provider, null, null, message, innerException)
    {
    }
}
