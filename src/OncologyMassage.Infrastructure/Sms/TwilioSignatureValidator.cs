using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using Twilio.Security;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Checks the <c>X-Twilio-Signature</c> of a Twilio webhook (inbound SMS, status callback) with the SDK's
/// <see cref="RequestValidator"/>: an HMAC-SHA1, keyed with the auth token, over the URL Twilio called and the sorted
/// form fields. Twilio signs the URL it was given, which behind a proxy or front door is not the URL the function sees,
/// so the URL is rebuilt from <c>Twilio:WebhookBaseUrl</c> (default <c>Links:PublicBaseUrl</c>) and the request's path
/// and query. Missing or forged → false.
/// </summary>
public sealed class TwilioSignatureValidator(IOptions<TwilioOptions> twilio, IOptions<LinkOptions> links)
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>The URL Twilio signed: the public base URL plus <paramref name="pathAndQuery"/> (e.g. <c>/api/sms/inbound</c>).</summary>
    public Uri PublicUrl(string pathAndQuery)
    {
        return twilio.Value.WebhookUrl(links.Value.PublicBaseUrl, pathAndQuery);
    }

    /// <summary>
    /// Signs a request as Twilio would, with the configured auth token: for the dev host's simulated phone, which posts
    /// through the same checked endpoint. base64(HMAC-SHA1(token, public URL + each key and value, keys sorted)).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Twilio's webhook signature scheme is HMAC-SHA1.")]
    public string Sign(string pathAndQuery, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var authToken = twilio.Value.AuthToken;
        if (!TwilioOptions.IsAuthToken(authToken))
        {
            throw new InvalidOperationException("Twilio:AuthToken is not set to an auth token (32 hex digits); nothing can be signed.");
        }

        var text = new StringBuilder(PublicUrl(pathAndQuery).AbsoluteUri);
        foreach (var key in form.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(key).Append(form[key]);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// True only when <paramref name="signature"/> is Twilio's signature of this request made with the configured auth
    /// token. A token without an auth token's shape (unset, an unresolved Key Vault reference, a paste error) accepts nothing.
    /// </summary>
    public bool IsValid(string pathAndQuery, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        ArgumentNullException.ThrowIfNull(form);
        var authToken = twilio.Value.AuthToken;
        if (string.IsNullOrEmpty(signature) || !TwilioOptions.IsAuthToken(authToken))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            fields[key] = value;
        }

        return new RequestValidator(authToken).Validate(PublicUrl(pathAndQuery).AbsoluteUri, fields, signature);
    }
}
