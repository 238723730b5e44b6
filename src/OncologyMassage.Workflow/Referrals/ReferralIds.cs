using System.Globalization;

namespace OncologyMassage.Workflow.Referrals;

/// <summary>
/// Referral ids: "ref-" and a version 7 GUID in "N" form. The GUID's first 12 hex digits are its creation time in Unix
/// milliseconds, so ids sort by submission time and a time window is a key range (<see cref="LowestAt"/>).
/// </summary>
public static class ReferralIds
{
    public const string Prefix = "ref-";

    /// <summary>Time-ordered, unguessable and safe as a table key and a URL segment.</summary>
    public static string New(DateTimeOffset at) => Prefix + Guid.CreateVersion7(at).ToString("N");

    /// <summary>The lowest id that can be created at <paramref name="at"/>: every id created at or after it sorts at or after this.</summary>
    public static string LowestAt(DateTimeOffset at) =>
        Prefix + Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12", CultureInfo.InvariantCulture);
}
