using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace OncologyMassage.Domain.Clinical;

/// <summary>Wire forms (kebab-case, as docs/clinical.md writes them), nesting of quadrants and plain-word descriptions.</summary>
public static class BodyRegions
{
    private static readonly FrozenDictionary<BodyRegion, string> ToWire = new Dictionary<BodyRegion, string>
    {
        [BodyRegion.WholeBody] = "whole-body",
        [BodyRegion.HeadNeck] = "head-neck",
        [BodyRegion.Chest] = "chest",
        [BodyRegion.UpperBack] = "upper-back",
        [BodyRegion.LowerBack] = "lower-back",
        [BodyRegion.Abdomen] = "abdomen",
        [BodyRegion.Arm] = "arm",
        [BodyRegion.Hand] = "hand",
        [BodyRegion.Leg] = "leg",
        [BodyRegion.Foot] = "foot",
        [BodyRegion.UpperQuadrant] = "upper-quadrant",
        [BodyRegion.LowerQuadrant] = "lower-quadrant",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, BodyRegion> FromWire =
        ToWire.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<BodyRegion, BodyRegion[]> QuadrantParts = new Dictionary<BodyRegion, BodyRegion[]>
    {
        [BodyRegion.UpperQuadrant] = [BodyRegion.Arm, BodyRegion.Hand, BodyRegion.Chest, BodyRegion.UpperBack],
        [BodyRegion.LowerQuadrant] = [BodyRegion.Leg, BodyRegion.Foot, BodyRegion.Abdomen, BodyRegion.LowerBack],
    }.ToFrozenDictionary();

    /// <summary>Every region that is not the whole body.</summary>
    public static IReadOnlyList<BodyRegion> Regions { get; } = Enum.GetValues<BodyRegion>().Where(r => r != BodyRegion.WholeBody).ToArray();

    public static string ToWireName(this BodyRegion region) => ToWire[region];

    public static bool TryParse(string? text, [NotNullWhen(true)] out BodyRegion? region)
    {
        if (text is not null && FromWire.TryGetValue(text.Trim().Replace('_', '-').Replace(' ', '-'), out var found))
        {
            region = found;
            return true;
        }

        region = null;
        return false;
    }

    /// <summary>Limbs and quadrants: a side is required to place them.</summary>
    public static bool IsLateral(BodyRegion region) => region is BodyRegion.Arm or BodyRegion.Hand or BodyRegion.Leg
        or BodyRegion.Foot or BodyRegion.UpperQuadrant or BodyRegion.LowerQuadrant;

    /// <summary>The regions a quadrant covers; a plain region covers only itself.</summary>
    public static IReadOnlyList<BodyRegion> Parts(BodyRegion region) =>
        QuadrantParts.TryGetValue(region, out var parts) ? parts : [region];

    internal static bool RegionsOverlap(BodyRegion a, BodyRegion b) =>
        a == BodyRegion.WholeBody || b == BodyRegion.WholeBody || a == b || Parts(a).Contains(b) || Parts(b).Contains(a);

    /// <summary>Plain words for the therapist, e.g. "left upper quadrant" or "hand (both sides)".</summary>
    public static string Describe(BodySite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var side = site.Side switch
        {
            BodySide.Left => "left ",
            BodySide.Right => "right ",
            _ => string.Empty,
        };
        var name = site.Region switch
        {
            BodyRegion.WholeBody => "whole body",
            BodyRegion.HeadNeck => "head and neck",
            BodyRegion.UpperBack => "upper back",
            BodyRegion.LowerBack => "lower back",
            BodyRegion.UpperQuadrant => "upper quadrant",
            BodyRegion.LowerQuadrant => "lower quadrant",
            _ => ToWire[site.Region],
        };
        return side + name + (site.Side == BodySide.Both ? " (both sides)" : string.Empty);
    }
}
