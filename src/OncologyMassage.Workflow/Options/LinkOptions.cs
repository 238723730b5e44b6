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
    /// HMAC key for signed links, base64, at least 32 bytes (a Key Vault secret in Azure). Rotating it invalidates every
    /// link already sent. Generate one with <c>openssl rand -base64 32</c>.
    /// </summary>
    [Required]
    [Base64Key(MinimumBytes = 32)]
    public string SigningKey { get; set; } = "";
}

/// <summary>Validates a base64 key of at least <see cref="MinimumBytes"/> bytes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class Base64KeyAttribute : ValidationAttribute
{
    public int MinimumBytes { get; set; } = 32;

    public override bool IsValid(object? value)
    {
        if (value is not string text || text.Length == 0)
        {
            return true; // [Required] reports a missing key.
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= MinimumBytes;
    }

    public override string FormatErrorMessage(string name) => $"{name} must be a base64 key of at least {MinimumBytes} bytes.";
}
