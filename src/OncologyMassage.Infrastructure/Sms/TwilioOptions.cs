using System.ComponentModel.DataAnnotations;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Twilio account and sender (section <c>Twilio</c>). Validated on start only when <c>Messaging:SmsProvider</c> is
/// <c>Twilio</c>. <see cref="AccountSid"/> and <see cref="AuthToken"/> are Key Vault references in Azure.
/// </summary>
public sealed class TwilioOptions : IValidatableObject
{
    public const string SectionName = "Twilio";

    /// <summary>What an auth token looks like: 32 hex digits. Anything else is a paste error or an unresolved reference.</summary>
    public const string AuthTokenPattern = "^[0-9a-fA-F]{32}$";

    [Required]
    [Secret]
    [RegularExpression("^AC[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:AccountSid must be AC followed by 32 hex digits.")]
    public string AccountSid { get; set; } = "";

    /// <summary>The account's auth token: authenticates sends and keys the webhook signatures. 32 hex digits.</summary>
    [Required]
    [Secret]
    [RegularExpression(AuthTokenPattern, ErrorMessage = "Twilio:AuthToken must be the account's auth token, 32 hex digits.")]
    public string AuthToken { get; set; } = "";

    /// <summary>True when <paramref name="token"/> has an auth token's shape (an unresolved Key Vault reference never does).</summary>
    public static bool IsAuthToken(string? token) =>
        token is not null && System.Text.RegularExpressions.Regex.IsMatch(token, AuthTokenPattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The sending number in E.164; or leave empty and set <see cref="MessagingServiceSid"/>.</summary>
    [RegularExpression(@"^$|^\+[1-9]\d{1,14}$", ErrorMessage = "Twilio:FromNumber must be an E.164 number such as +15551234567.")]
    public string FromNumber { get; set; } = "";

    /// <summary>A Messaging Service (MG…) that picks the sender; takes precedence over <see cref="FromNumber"/>.</summary>
    [RegularExpression("^$|^MG[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:MessagingServiceSid must be MG followed by 32 hex digits.")]
    public string MessagingServiceSid { get; set; } = "";

    /// <summary>The REST API's base address; empty for https://api.twilio.com. Tests point it at a stub server.</summary>
    [RegularExpression("^$|^https?://.+", ErrorMessage = "Twilio:BaseUrl must be empty or an absolute http(s) URL.")]
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// The public base URL Twilio calls the webhooks on (and signs), when it differs from <c>Links:PublicBaseUrl</c>
    /// (e.g. a front door with its own host name); empty: <c>Links:PublicBaseUrl</c>.
    /// </summary>
    [RegularExpression("^$|^https?://.+", ErrorMessage = "Twilio:WebhookBaseUrl must be empty or an absolute http(s) URL.")]
    public string WebhookBaseUrl { get; set; } = "";

    /// <summary>
    /// Path of the status callback sent with every text (Twilio posts delivery reports there), under
    /// <see cref="WebhookBaseUrl"/> or <c>Links:PublicBaseUrl</c>; empty: none is sent (e.g. the Messaging Service sets one).
    /// </summary>
    [RegularExpression("^$|^/.*", ErrorMessage = "Twilio:StatusCallbackPath must be empty or start with '/'.")]
    public string StatusCallbackPath { get; set; } = "/api/sms/status";

    /// <summary>The public URL Twilio calls for <paramref name="pathAndQuery"/>: <see cref="WebhookBaseUrl"/>, else <paramref name="linkBaseUrl"/>.</summary>
    public Uri WebhookUrl(string linkBaseUrl, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(linkBaseUrl);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var baseUrl = string.IsNullOrEmpty(WebhookBaseUrl) ? linkBaseUrl : WebhookBaseUrl;
        return new Uri(baseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/'), UriKind.Absolute);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(FromNumber) && string.IsNullOrEmpty(MessagingServiceSid))
        {
            yield return new ValidationResult("Set Twilio:FromNumber or Twilio:MessagingServiceSid.", [nameof(FromNumber), nameof(MessagingServiceSid)]);
        }
    }
}
