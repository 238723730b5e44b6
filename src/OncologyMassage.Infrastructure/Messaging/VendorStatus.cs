namespace OncologyMassage.Infrastructure.Messaging;

/// <summary>How a vendor's HTTP status is treated, shared by the retry pipeline and the senders.</summary>
public static class VendorStatus
{
    /// <summary>429 and 5xx: the vendor did not take the message now, another attempt may succeed (retried by the pipeline).</summary>
    public static bool IsTransient(int status) => status == 429 || status >= 500;

    /// <summary>Any other 4xx (408 aside): the same request will be refused again.</summary>
    public static bool IsPermanent(int status) => status is >= 400 and < 500 and not 408 and not 429;
}
