using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.Email;

namespace OncologyMassage.Messaging.Tests;

public sealed class SendGridEventSignatureValidatorTests : IDisposable
{
    private const string Timestamp = "1764064800";
    private const string Payload = """[{"email":"dr.lee@oncology.example","event":"delivered","idempotency_key":"ref-1:md-release:1","sg_message_id":"msg-1"}]""";

    private readonly ECDsa signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private string PublicKeyBase64 => Convert.ToBase64String(signer.ExportSubjectPublicKeyInfo());

    private SendGridEventSignatureValidator Validator(string? publicKey = null) =>
        new(Options.Create(new SendGridOptions { WebhookPublicKey = publicKey ?? PublicKeyBase64 }));

    private string Sign(string timestamp, string payload, ECDsa? key = null) => Convert.ToBase64String(
        (key ?? signer).SignData(Encoding.UTF8.GetBytes(timestamp + payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    [Fact]
    public void IsValid_SignedByTheConfiguredKey_ReturnsTrue()
    {
        Assert.True(Validator().IsValid(Payload, Sign(Timestamp, Payload), Timestamp));
    }

    [Fact]
    public void IsValid_PublicKeyIsAnUnresolvedKeyVaultReference_ReturnsFalse()
    {
        var validator = Validator("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid-webhook-public-key/)");

        Assert.False(validator.IsValid(Payload, Sign(Timestamp, Payload), Timestamp));
    }

    [Fact]
    public void IsValid_KeyConfiguredAsPem_ReturnsTrue()
    {
        Assert.True(Validator(signer.ExportSubjectPublicKeyInfoPem()).IsValid(Payload, Sign(Timestamp, Payload), Timestamp));
    }

    [Fact]
    public void IsValid_RawBodyBytes_ReturnsTrue()
    {
        Assert.True(Validator().IsValid(Encoding.UTF8.GetBytes(Payload), Sign(Timestamp, Payload), Timestamp));
    }

    [Fact]
    public void IsValid_SignatureTheSdkValidatorAccepts_IsAcceptedToo()
    {
        var sdk = new SendGrid.Helpers.EventWebhook.RequestValidator();
        var signature = Sign(Timestamp, Payload);
        Assert.True(sdk.VerifySignature(sdk.ConvertPublicKeyToECDSA(signer.ExportSubjectPublicKeyInfoPem()), Payload, signature, Timestamp));

        Assert.True(Validator().IsValid(Payload, signature, Timestamp));
    }

    [Fact]
    public void IsValid_PayloadChangedAfterSigning_ReturnsFalse()
    {
        var signature = Sign(Timestamp, Payload);

        Assert.False(Validator().IsValid(Payload.Replace("delivered", "bounce", StringComparison.Ordinal), signature, Timestamp));
    }

    [Fact]
    public void IsValid_TimestampChangedAfterSigning_ReturnsFalse()
    {
        Assert.False(Validator().IsValid(Payload, Sign(Timestamp, Payload), "1764068400"));
    }

    [Fact]
    public void IsValid_SignedByAnotherKey_ReturnsFalse()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(Validator().IsValid(Payload, Sign(Timestamp, Payload, forger), Timestamp));
    }

    [Theory]
    [InlineData(null, Timestamp)]
    [InlineData("", Timestamp)]
    [InlineData("%%not-base64%%", Timestamp)]
    [InlineData("AAAA", Timestamp)]
    [InlineData("sig", null)]
    [InlineData("sig", "")]
    public void IsValid_MissingOrMalformedHeaders_ReturnsFalse(string? signature, string? timestamp)
    {
        Assert.False(Validator().IsValid(Payload, signature, timestamp));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("AAAA")]
    public void IsValid_NoOrBrokenPublicKeyConfigured_ReturnsFalse(string publicKey)
    {
        Assert.False(Validator(publicKey).IsValid(Payload, Sign(Timestamp, Payload), Timestamp));
    }

    public void Dispose() => signer.Dispose();
}
