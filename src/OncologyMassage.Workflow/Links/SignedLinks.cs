using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Links;

/// <summary>
/// Signed, expiring links for people who have no account: the oncologist's release form today, the client's intake and
/// consent forms next. A token is <c>base64url(purpose|referral|expiry)</c> + "." + <c>base64url(HMAC-SHA256)</c>.
/// It is deterministic for the same inputs, so a re-run activity emails the same link. Single use is enforced where
/// the link is used: the form's answer is stored with an insert that conflicts on a second use.
/// </summary>
public sealed class SignedLinks(IOptions<LinkOptions> options, TimeProvider clock)
{
    public Uri Create(string purpose, string referralId, DateTimeOffset expiresAt)
    {
        var payload = string.Join('|', purpose, referralId, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var token = Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url(Sign(payload));
        return new Uri(new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/"), $"api/{purpose}/{token}");
    }

    /// <summary>Checks a token's signature, purpose and expiry. Tampered or foreign tokens are <see cref="LinkStatus.Invalid"/>.</summary>
    public LinkCheck Check(string purpose, string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 2 || !TryFromBase64Url(parts[0], out var payloadBytes) || !TryFromBase64Url(parts[1], out var signature))
        {
            return LinkCheck.Invalid;
        }

        var payload = Encoding.UTF8.GetString(payloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(Sign(payload), signature))
        {
            return LinkCheck.Invalid;
        }

        var fields = payload.Split('|');
        if (fields.Length != 3 || fields[0] != purpose || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return LinkCheck.Invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return new LinkCheck(expiresAt <= clock.GetUtcNow() ? LinkStatus.Expired : LinkStatus.Valid, fields[1], expiresAt);
    }

    private byte[] Sign(string payload) =>
        HMACSHA256.HashData(Convert.FromBase64String(options.Value.SigningKey), Encoding.UTF8.GetBytes(payload));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        bytes = new byte[base64.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}

/// <summary>The purposes a signed link can have (the first path segment after /api).</summary>
public static class LinkPurposes
{
    public const string Release = "release";
    public const string MdQuestion = "md-question";
    public const string Intake = "intake";
    public const string Consent = "consent";
    public const string Survey = "survey";
    public const string Summary = "summary";
}

public enum LinkStatus
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>What a token says, once its signature is checked.</summary>
public sealed record LinkCheck(LinkStatus Status, string ReferralId, DateTimeOffset ExpiresAt)
{
    public static LinkCheck Invalid { get; } = new(LinkStatus.Invalid, "", DateTimeOffset.MinValue);
}
