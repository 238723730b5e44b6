using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// Plays Twilio and SendGrid towards the app: signs webhook posts with the vendors' documented schemes (written out here,
/// not taken from the app), and stubs their REST APIs with WireMock.Net.
/// </summary>
internal static class Webhooks
{
    public const string PublicBaseUrl = "https://om.example"; // TestHost's Links:PublicBaseUrl
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "abcdef0123456789abcdef0123456789";
    public const string FromNumber = "+15550001111";
    public const string ClientPhone = "+16175550143"; // docs/samples/referral.json's client, normalised
    public const string MessagesPath = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";

    /// <summary>Both vendors chosen and pointed at <paramref name="stubUrl"/>; retries off, so one send is one request.</summary>
    public static Dictionary<string, string?> VendorSettings(string stubUrl, string? sendGridPublicKey = null) => new()
    {
        ["Messaging:SmsProvider"] = "Twilio",
        ["Messaging:EmailProvider"] = "SendGrid",
        ["Messaging:MaxRetryAttempts"] = "0",
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:FromNumber"] = FromNumber,
        ["Twilio:BaseUrl"] = stubUrl,
        ["SendGrid:ApiKey"] = "SG.it-key",
        ["SendGrid:BaseUrl"] = stubUrl,
        ["SendGrid:WebhookPublicKey"] = sendGridPublicKey ?? "",
        ["Email:FromAddress"] = "referrals@clinic.example",
        ["Email:FromName"] = "Clinic Referrals",
    };

    /// <summary>Twilio's Messages API accepting every text, each with a new SM id; SendGrid's Mail Send accepting every email.</summary>
    public static void AcceptEverything(WireMockServer stub)
    {
        stub.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid":"SM{{Guid.NewGuid():N}}","status":"queued"}"""));
        stub.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => new ResponseMessage
            {
                StatusCode = 202,
                Headers = new Dictionary<string, WireMockList<string>> { ["X-Message-Id"] = new("sg" + Guid.NewGuid().ToString("N")) },
            }));
    }

    public static int TwilioSends(WireMockServer stub) => stub.LogEntries.Count(e => e.RequestMessage.Path == MessagesPath);

    /// <summary>The texts sent to one number (a stub shared by several tests holds every test's requests).</summary>
    public static IReadOnlyList<WireMock.Logging.ILogEntry> TwilioSendsTo(WireMockServer stub, string to) =>
        stub.LogEntries.Where(e => e.RequestMessage.Path == MessagesPath
            && System.Web.HttpUtility.ParseQueryString(e.RequestMessage.Body ?? "")["To"] == to).ToArray();

    public static int TwilioSends(WireMockServer stub, string to) => TwilioSendsTo(stub, to).Count;

    /// <summary>Twilio's scheme: base64(HMAC-SHA1(auth token, URL + each key and value, keys sorted)).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Twilio signs webhooks with HMAC-SHA1.")]
    public static string TwilioSignature(string url, IReadOnlyDictionary<string, string> form, string authToken)
    {
        var text = new StringBuilder(url);
        foreach (var key in form.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(key).Append(form[key]);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Posts a Twilio form to <paramref name="path"/> signed for the public URL (or with <paramref name="signature"/> as given).</summary>
    public static async Task<HttpResponseMessage> PostTwilioAsync(this TestHost host, string path, IReadOnlyDictionary<string, string> form, string authToken, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignature(PublicBaseUrl + path, form, authToken));
        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Dictionary<string, string> InboundSms(string body, string sid, string from = ClientPhone) => new()
    {
        ["MessageSid"] = sid,
        ["AccountSid"] = AccountSid,
        ["From"] = from,
        ["To"] = FromNumber,
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    /// <summary>SendGrid's scheme: ECDSA P-256 / SHA-256 over timestamp + body, base64 DER.</summary>
    public static async Task<HttpResponseMessage> PostSendGridAsync(this TestHost host, ECDsa key, string json, DateTimeOffset timestamp, string? signature = null)
    {
        var ts = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature ??= Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(ts + json), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/email/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", ts);
        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (see <see cref="Eventually"/>).</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, what);
}
