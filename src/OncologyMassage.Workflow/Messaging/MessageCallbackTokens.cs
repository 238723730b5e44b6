using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>
/// The outbox key of a message, signed, so that it can travel with the message (in Twilio's status-callback URL) and
/// come back trusted: a callback can then settle its outbox row even when the send crashed before the vendor's id was
/// recorded. The scheme is the signed links' (<see cref="SignedLinks"/>): <c>keyId.base64url("outbox"|referral|key).base64url(HMAC-SHA256)</c>
/// with the same <see cref="LinkOptions.SigningKey"/> (and <see cref="LinkOptions.PreviousSigningKey"/> still verifying),
/// under a purpose of its own so a link token is never a callback token or the reverse. No expiry: a status callback
/// may come days after the send, and the token only names a row that the vendor's own signature must vouch for too.
/// </summary>
public sealed class MessageCallbackTokens
{
    public const string Purpose = "outbox";

    private readonly LinkSigningKey? current;
    private readonly LinkSigningKey? previous;

    public MessageCallbackTokens(IOptions<LinkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        current = LinkSigningKey.FromSetting(options.Value.SigningKey);
        previous = LinkSigningKey.FromSetting(options.Value.PreviousSigningKey);
    }

    /// <summary>The token for the outbox row (<paramref name="referralId"/>, <paramref name="idempotencyKey"/>); URL-safe.</summary>
    public string Create(string referralId, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (referralId.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A referral id cannot contain '|'.", nameof(referralId));
        }

        var key = current ?? throw new InvalidOperationException("Links:SigningKey is not set: no message callback can be signed.");
        var payload = SignedLinks.Base64Url(Encoding.UTF8.GetBytes(string.Join('|', Purpose, referralId, idempotencyKey)));
        return key.Id + "." + payload + "." + SignedLinks.Base64Url(Sign(key, key.Id + "." + payload));
    }

    /// <summary>The row a token names, or null when it is malformed, tampered with, or signed by a key that is not ours.</summary>
    public MessageKey? Check(string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || KeyFor(parts[0]) is not { } key
            || !SignedLinks.TryFromBase64Url(parts[1], out var payload) || !SignedLinks.TryFromBase64Url(parts[2], out var signature)
            || !CryptographicOperations.FixedTimeEquals(Sign(key, parts[0] + "." + parts[1]), signature))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|', 3);
        return fields.Length == 3 && fields[0] == Purpose && fields[1].Length > 0 && fields[2].Length > 0 ? new MessageKey(fields[1], fields[2]) : null;
    }

    private LinkSigningKey? KeyFor(string keyId) =>
        current is not null && string.Equals(keyId, current.Id, StringComparison.Ordinal) ? current
        : previous is not null && string.Equals(keyId, previous.Id, StringComparison.Ordinal) ? previous
        : null;

    private static byte[] Sign(LinkSigningKey key, string signed) => HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes(signed));
}

/// <summary>An outbox row's key: the referral (partition) and the message's idempotency key.</summary>
public sealed record MessageKey(string ReferralId, string IdempotencyKey);
