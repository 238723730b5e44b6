using System.Security.Cryptography;
using System.Text;

namespace OncologyMassage.Workflow.Access;

/// <summary>Making and hashing practice API keys.</summary>
public static class PracticeKeys
{
    public const string Header = "X-Api-Key";

    /// <summary>A new key: "omk_" + 32 random bytes, base64url. Shown once, never stored.</summary>
    public static string NewKey() => "omk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
