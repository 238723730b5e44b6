using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;
using Twilio.Security;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Checks the <c>X-Twilio-Signature</c> of a Twilio webhook (inbound SMS, status callback) with the SDK's
/// <see cref="RequestValidator"/>: an HMAC-SHA1, keyed with the auth token, over the URL Twilio called and the sorted
/// form fields. Twilio signs the URL it was given, which behind a proxy or front door is not the URL the function sees,
/// so the URL is rebuilt from <c>Links:PublicBaseUrl</c> and the request's path and query. Missing or forged → false.
/// </summary>
public sealed class TwilioSignatureValidator(IOptions<TwilioOptions> twilio, IOptions<LinkOptions> links)
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>The URL Twilio signed: the public base URL plus <paramref name="pathAndQuery"/> (e.g. <c>/api/sms/inbound</c>).</summary>
    public Uri PublicUrl(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(links.Value.PublicBaseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/'), UriKind.Absolute);
    }

    /// <summary>True only when <paramref name="signature"/> is Twilio's signature of this request made with the configured auth token.</summary>
    public bool IsValid(string pathAndQuery, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        ArgumentNullException.ThrowIfNull(form);
        var authToken = twilio.Value.AuthToken;
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
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
