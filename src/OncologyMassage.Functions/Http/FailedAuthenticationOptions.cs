using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// How many failed authentications (bad practice key, bad signed-link token, bad webhook signature) one client address
/// may make per window before every further attempt from it is a 429 until the window ends (section
/// <c>Security:FailedAuthentication</c>). Successful requests never count.
/// </summary>
public sealed class FailedAuthenticationOptions
{
    public const string SectionName = "Security:FailedAuthentication";

    /// <summary>Failures allowed per client address and window (default 20).</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 20;

    /// <summary>The window the failures are counted in (default 5 minutes); a client over the limit waits until it ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
