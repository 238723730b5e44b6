using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Messaging.Tests;

public sealed class TwilioSignatureValidatorTests
{
    private const string PublicBase = "https://sms.clinic.example";
    private const string Path = "/api/sms/inbound";

    private static readonly Dictionary<string, string> Form = new()
    {
        ["MessageSid"] = "SM0123",
        ["From"] = "+15551234567",
        ["To"] = MessagingHost.FromNumber,
        ["Body"] = "pain 3 anxiety 2",
    };

    private static TwilioSignatureValidator Validator(string authToken = MessagingHost.AuthToken) => new(
        Options.Create(new TwilioOptions { AuthToken = authToken }),
        Options.Create(new LinkOptions { PublicBaseUrl = PublicBase + "/" }));

    /// <summary>Twilio's documented scheme, written out here: base64(HMAC-SHA1(token, url + each key and value, keys sorted)).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Twilio's webhook signature is HMAC-SHA1; the test signs as Twilio does.")]
    private static string Sign(string url, IReadOnlyDictionary<string, string> form, string token = MessagingHost.AuthToken)
    {
        var text = new StringBuilder(url);
        foreach (var key in form.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(key).Append(form[key]);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public void IsValid_SignedForThePublicUrl_ReturnsTrue()
    {
        Assert.True(Validator().IsValid(Path, Form, Sign(PublicBase + Path, Form)));
    }

    [Fact]
    public void IsValid_SignedForTheInternalUrlBehindAProxy_ReturnsFalse()
    {
        Assert.False(Validator().IsValid(Path, Form, Sign("http://localhost:7071" + Path, Form)));
    }

    [Fact]
    public void IsValid_BodyChangedAfterSigning_ReturnsFalse()
    {
        var signature = Sign(PublicBase + Path, Form);
        var tampered = new Dictionary<string, string>(Form) { ["Body"] = "STOP" };

        Assert.False(Validator().IsValid(Path, tampered, signature));
    }

    [Fact]
    public void IsValid_SignedWithAnotherToken_ReturnsFalse()
    {
        Assert.False(Validator().IsValid(Path, Form, Sign(PublicBase + Path, Form, token: "someone-elses-token")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    public void IsValid_MissingOrGarbageSignature_ReturnsFalse(string? signature)
    {
        Assert.False(Validator().IsValid(Path, Form, signature));
    }

    [Fact]
    public void IsValid_NoAuthTokenConfigured_ReturnsFalseEvenForAnEmptyTokenSignature()
    {
        Assert.False(Validator(authToken: "").IsValid(Path, Form, Sign(PublicBase + Path, Form, token: "")));
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/twilio-auth-token/)")]
    [InlineData("not-a-twilio-token")]
    [InlineData("feedfacecafebeef0123456789abcdef0")]
    public void IsValid_AuthTokenWithoutAnAuthTokensShape_ReturnsFalseEvenWhenSignedWithIt(string authToken)
    {
        // A request signed with the unresolved reference text (which is not secret) must not pass.
        Assert.False(Validator(authToken).IsValid(Path, Form, Sign(PublicBase + Path, Form, token: authToken)));
    }

    [Fact]
    public void PublicUrl_BaseWithTrailingSlash_JoinsWithOneSlash()
    {
        Assert.Equal(new Uri("https://sms.clinic.example/api/sms/status?x=1"), Validator().PublicUrl("/api/sms/status?x=1"));
    }

    [Fact]
    public void Sign_ThenIsValid_AcceptsTheAppsOwnSignature()
    {
        var validator = Validator();

        var signature = validator.Sign(Path, Form);

        Assert.Equal(Sign(PublicBase + Path, Form), signature);
        Assert.True(validator.IsValid(Path, Form, signature));
    }

    [Fact]
    public void IsValid_WebhookBaseUrlConfigured_ChecksAgainstItInsteadOfTheLinkBase()
    {
        var validator = new TwilioSignatureValidator(
            Options.Create(new TwilioOptions { AuthToken = MessagingHost.AuthToken, WebhookBaseUrl = "https://hooks.clinic.example" }),
            Options.Create(new LinkOptions { PublicBaseUrl = PublicBase }));

        Assert.True(validator.IsValid(Path, Form, Sign("https://hooks.clinic.example" + Path, Form)));
        Assert.False(validator.IsValid(Path, Form, Sign(PublicBase + Path, Form)));
    }
}
