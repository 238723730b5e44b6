using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Links;

/// <summary>
/// Signed, expiring links for people who have no account: the oncologist's release form, the client's intake, consent
/// and survey forms, the care team's summary. A token is <c>keyId.base64url(purpose|referral|expiry[|subject]).base64url(HMAC-SHA256)</c>,
/// the MAC taken over the key id and the payload. The optional subject binds the link to one thing within the referral (a
/// follow-up link carries its follow-up id, e.g. "survey-2"); tokens made before subjects existed have none, and each page
/// decides what an unbound token may still do (the survey refuses it with a page asking for the newest link). It is deterministic for the same inputs and key, so a re-run activity
/// sends the same link. New tokens are signed with <see cref="LinkOptions.SigningKey"/>; tokens naming the id of
/// <see cref="LinkOptions.PreviousSigningKey"/> still verify, so rotating the key does not break links already sent;
/// a token naming any other key id is invalid. Single use is enforced where the link is used: the form's answer is
/// stored with an insert that conflicts on a second use.
/// </summary>
public sealed class SignedLinks
{
    private readonly IOptions<LinkOptions> options;
    private readonly TimeProvider clock;
    private readonly LinkSigningKey? current;
    private readonly LinkSigningKey? previous;

    public SignedLinks(IOptions<LinkOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.clock = clock;
        current = LinkSigningKey.FromSetting(options.Value.SigningKey);
        previous = LinkSigningKey.FromSetting(options.Value.PreviousSigningKey);
    }

    /// <summary>The id new tokens carry; null when no signing key is configured.</summary>
    public string? CurrentKeyId => current?.Id;

    public Uri Create(string purpose, string referralId, DateTimeOffset expiresAt, string? subject = null)
    {
        // Options validation refuses to start without a key; this guards hosts that skip it.
        var key = current ?? throw new InvalidOperationException("Links:SigningKey is not set (or is an unresolved Key Vault reference): no link can be signed.");
        if (subject is not null && (subject.Length == 0 || subject.Contains('|', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A link's subject is a non-empty id without '|'.", nameof(subject));
        }

        string[] fields = [purpose, referralId, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), .. subject is null ? Array.Empty<string>() : [subject]];
        var payload = Base64Url(Encoding.UTF8.GetBytes(string.Join('|', fields)));
        var token = key.Id + "." + payload + "." + Base64Url(Sign(key, key.Id + "." + payload));
        return new Uri(new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/"), $"api/{purpose}/{token}");
    }

    /// <summary>
    /// Checks a token's key id, signature, purpose and expiry. Tampered or foreign tokens, and tokens naming a key id that
    /// is neither the current nor the previous key's, are <see cref="LinkStatus.Invalid"/>.
    /// </summary>
    public LinkCheck Check(string purpose, string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || KeyFor(parts[0]) is not { } key || !TryFromBase64Url(parts[1], out var payloadBytes) || !TryFromBase64Url(parts[2], out var signature))
        {
            return LinkCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign(key, parts[0] + "." + parts[1]), signature))
        {
            return LinkCheck.Invalid;
        }

        var fields = Encoding.UTF8.GetString(payloadBytes).Split('|');
        if (fields.Length is not (3 or 4) || fields[0] != purpose || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return LinkCheck.Invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return new LinkCheck(expiresAt <= clock.GetUtcNow() ? LinkStatus.Expired : LinkStatus.Valid, fields[1], expiresAt)
        {
            Subject = fields.Length == 4 ? fields[3] : null,
        };
    }

    private LinkSigningKey? KeyFor(string keyId) =>
        current is not null && string.Equals(keyId, current.Id, StringComparison.Ordinal) ? current
        : previous is not null && string.Equals(keyId, previous.Id, StringComparison.Ordinal) ? previous
        : null;

    private static byte[] Sign(LinkSigningKey key, string signed) => HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes(signed));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static bool TryFromBase64Url(string text, out byte[] bytes)
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

    /// <summary>The calendar invite of one booked session, texted to clients who cannot get it by email (docs/calendar.md).</summary>
    public const string Calendar = "calendar";
}

public enum LinkStatus
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>What a token says, once its signature is checked; <see cref="Subject"/> is what it is bound to within the referral, if anything.</summary>
public sealed record LinkCheck(LinkStatus Status, string ReferralId, DateTimeOffset ExpiresAt)
{
    public string? Subject { get; init; }

    public static LinkCheck Invalid { get; } = new(LinkStatus.Invalid, "", DateTimeOffset.MinValue);
}
