using System.Security.Cryptography;

namespace OncologyMassage.Workflow.Links;

/// <summary>
/// One link-signing key and its id. The id is derived from the key (the first 8 base64url characters of
/// SHA-256("om-link-key-id" + key)), so a token always names the key that signed it and an operator cannot pair a key
/// with the wrong id during a rotation. It reveals nothing usable about the key.
/// </summary>
public sealed class LinkSigningKey
{
    private LinkSigningKey(string id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    public string Id { get; }

    internal byte[] Key { get; }

    /// <summary>The key from its base64 setting, or null when the setting is empty, not base64 or an unresolved Key Vault reference.</summary>
    public static LinkSigningKey? FromSetting(string? base64)
    {
        var text = Options.KeyVaultReferences.ValueOrEmpty(base64).Trim();
        var buffer = new byte[text.Length];
        if (text.Length == 0 || !Convert.TryFromBase64String(text, buffer, out var written) || written == 0)
        {
            return null;
        }

        var key = buffer[..written];
        var digest = SHA256.HashData([.. "om-link-key-id"u8, .. key]);
        return new LinkSigningKey(SignedLinks.Base64Url(digest)[..8], key);
    }
}
