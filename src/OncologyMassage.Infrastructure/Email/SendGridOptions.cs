using System.ComponentModel.DataAnnotations;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// SendGrid account (section <c>SendGrid</c>). Validated on start only when <c>Messaging:EmailProvider</c> is
/// <c>SendGrid</c>. <see cref="ApiKey"/> and <see cref="WebhookPublicKey"/> are Key Vault references in Azure. The
/// sender address and name come from the <c>Email</c> section.
/// </summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    [Required]
    [Secret]
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// The signed event webhook's verification key (base64 DER, as the SendGrid console shows it); empty until the webhook
    /// is set up. Empty or an unresolved Key Vault reference: every event post is refused.
    /// </summary>
    [Secret(Optional = true)]
    public string WebhookPublicKey { get; set; } = "";

    /// <summary>How far the signed event webhook's timestamp may be from now (either way) before a post is refused as a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Ask SendGrid's Email Activity API (<c>GET /v3/messages</c>, a paid add-on; the API key needs Email Activity access)
    /// whether it has an email that an outbox row left Pending, by the outbox key it carried in <c>custom_args</c>. On, the
    /// reconciliation resends only an email the API does not list after <see cref="EmailActivityIndexingDelay"/>. Off
    /// (default), a missing <c>processed</c> event over the reconciliation window counts as "never sent" (docs/messaging.md).
    /// </summary>
    public bool EmailActivityApi { get; set; }

    /// <summary>
    /// How long after the last send attempt an email may still be missing from the Email Activity API because SendGrid has
    /// not indexed it yet (default 10 min): until then "not listed" proves nothing and nothing is resent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan EmailActivityIndexingDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The v3 API's base address; empty for https://api.sendgrid.com (https://api.eu.sendgrid.com for EU residency). Tests point it at a stub server.</summary>
    [RegularExpression("^$|^https?://.+", ErrorMessage = "SendGrid:BaseUrl must be empty or an absolute http(s) URL.")]
    public string BaseUrl { get; set; } = "";
}
