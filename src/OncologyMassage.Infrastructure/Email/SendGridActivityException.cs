namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// SendGrid's Email Activity API gave no usable answer (429 or 5xx after the retries, or a body that is not its documented
/// shape). The outbox reconciliation counts no round and resends nothing: it asks again at its next run.
/// </summary>
public sealed class SendGridActivityException : Exception
{
    public SendGridActivityException()
    {
    }

    public SendGridActivityException(string message)
        : base(message)
    {
    }

    public SendGridActivityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SendGridActivityException(int status)
        : base($"SendGrid's Email Activity API answered HTTP {status} without a usable list.")
    {
        Status = status;
    }

    /// <summary>The HTTP status SendGrid answered.</summary>
    public int? Status { get; }
}
