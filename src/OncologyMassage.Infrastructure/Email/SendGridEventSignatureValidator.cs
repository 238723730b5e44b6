using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Infrastructure.Email;

/// <summary>
/// Checks SendGrid's signed event webhook: an ECDSA P-256 / SHA-256 signature (base64 DER) over the
/// <c>X-Twilio-Email-Event-Webhook-Timestamp</c> header followed by the raw request body, made with the key whose public
/// half is <c>SendGrid:WebhookPublicKey</c> (base64 DER as the SendGrid console shows it, or PEM). The scheme is the
/// SDK's <c>SendGrid.Helpers.EventWebhook.RequestValidator</c>; this uses .NET's own ECDsa instead of the SDK's
/// pure-C# curve code, and answers false (never throws) for a missing key (an unresolved Key Vault reference counts as missing), header or malformed input.
/// </summary>
public sealed class SendGridEventSignatureValidator(IOptions<SendGridOptions> options)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>True only when <paramref name="signature"/> signs <paramref name="timestamp"/> + <paramref name="payload"/> (the raw body bytes).</summary>
    public bool IsValid(ReadOnlySpan<byte> payload, string? signature, string? timestamp)
    {
        var publicKey = KeyVaultReferences.ValueOrEmpty(options.Value.WebhookPublicKey);
        if (string.IsNullOrWhiteSpace(publicKey) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            if (publicKey.TrimStart().StartsWith("-----", StringComparison.Ordinal))
            {
                ecdsa.ImportFromPem(publicKey);
            }
            else
            {
                ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey.Trim()), out _);
            }

            var timestampBytes = Encoding.UTF8.GetBytes(timestamp);
            var signed = new byte[timestampBytes.Length + payload.Length];
            timestampBytes.CopyTo(signed, 0);
            payload.CopyTo(signed.AsSpan(timestampBytes.Length));
            return ecdsa.VerifyData(signed, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <inheritdoc cref="IsValid(ReadOnlySpan{byte}, string?, string?)"/>
    public bool IsValid(string payload, string? signature, string? timestamp) =>
        IsValid(Encoding.UTF8.GetBytes(payload ?? ""), signature, timestamp);
}
