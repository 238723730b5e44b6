using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>Public address of the app, used to build links in messages (section <c>Links</c>).</summary>
public sealed class LinkOptions
{
    public const string SectionName = "Links";

    /// <summary>The externally visible base URL (behind any proxy), e.g. https://om-func.azurewebsites.net.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>
    /// HMAC key that signs new links, base64, at least 32 bytes (a Key Vault secret in Azure). Every token names the id of
    /// the key that signed it (derived from the key itself, so the two can never disagree). Generate one with
    /// <c>openssl rand -base64 48</c>; to rotate, move the current key to <see cref="PreviousSigningKey"/> first.
    /// </summary>
    [Required]
    [Secret]
    [Base64Key(MinimumBytes = 32)]
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// The key before the last rotation, base64; optional. Links it signed still verify until they expire, so a rotation
    /// does not break links already sent. Empty (or an unresolved Key Vault reference): only <see cref="SigningKey"/> verifies.
    /// </summary>
    [Secret(Optional = true)]
    [Base64Key(MinimumBytes = 32)]
    public string PreviousSigningKey { get; set; } = "";
}

/// <summary>Validates a base64 key of at least <see cref="MinimumBytes"/> bytes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class Base64KeyAttribute : ValidationAttribute
{
    public int MinimumBytes { get; set; } = 32;

    public override bool IsValid(object? value)
    {
        if (value is not string text || text.Length == 0 || KeyVaultReferences.IsUnresolved(text))
        {
            return true; // [Required] reports a missing key, [Secret] an unresolved reference.
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= MinimumBytes;
    }

    public override string FormatErrorMessage(string name) => $"{name} must be a base64 key of at least {MinimumBytes} bytes.";
}
