namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Asks the SMS vendor whether it has a message that an outbox row left <see cref="OutboxStatus.Pending"/> (the send
/// crashed, or its answer was lost, before the vendor's id was recorded). Adapters: Twilio's message list; the dev outbox.
/// </summary>
public interface ISmsLookup
{
    Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken);
}

/// <summary>The same question for email. Adapters: SendGrid (by the event webhook window; see docs/messaging.md); the dev outbox.</summary>
public interface IEmailLookup
{
    Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken);
}

/// <summary>What the vendor said about a Pending message. <see cref="ProviderMessageId"/> and <see cref="Status"/> are set when <see cref="Result"/> is Found.</summary>
public sealed record VendorLookup(VendorLookupResult Result, string? ProviderMessageId = null, OutboxStatus? Status = null)
{
    public static VendorLookup NotFound { get; } = new(VendorLookupResult.NotFound);

    public static VendorLookup Unknown { get; } = new(VendorLookupResult.Unknown);

    public static VendorLookup NotYet { get; } = new(VendorLookupResult.NotYet);
}

public enum VendorLookupResult
{
    /// <summary>The vendor has the message: settle the row, never send it again.</summary>
    Found,

    /// <summary>The vendor has no such message: it never went out, and may be sent now.</summary>
    NotFound,

    /// <summary>The vendor cannot tell (no way to ask it): the row is not resent; after the last round a coordinator is told.</summary>
    Unknown,

    /// <summary>
    /// Too early to tell: the vendor's report may still be on its way (e.g. our webhook was down and the vendor is retrying
    /// it). The row is left as it is, no round is counted, and the next run asks again.
    /// </summary>
    NotYet,
}
