using System.Security.Cryptography;
using System.Text;

namespace OncologyMassage.Domain.Venues;

/// <summary>
/// A venue's informed-consent document. Versioned: a signature stores the version and the SHA-256 of the exact text the
/// client saw, so a later edit of the document never changes what was signed.
/// </summary>
public sealed record ConsentDocument(string Version, string Title, string Text)
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Text"/> (UTF-8).</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
