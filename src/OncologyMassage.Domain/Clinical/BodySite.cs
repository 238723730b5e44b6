namespace OncologyMassage.Domain.Clinical;

/// <summary>A body region with its side, e.g. left arm or right upper quadrant.</summary>
public sealed record BodySite(BodyRegion Region, BodySide Side = BodySide.Unspecified)
{
    public static BodySite WholeBody { get; } = new(BodyRegion.WholeBody);

    /// <summary>True when the region needs a side to be meaningful (limbs and quadrants).</summary>
    public bool NeedsSide => BodyRegions.IsLateral(Region);

    /// <summary>
    /// True when the two sites share tissue: same or nested regions on compatible sides.
    /// Unspecified sides overlap both sides, so a limit given without a side is applied to both.
    /// </summary>
    public bool Overlaps(BodySite other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SidesOverlap(Side, other.Side) && BodyRegions.RegionsOverlap(Region, other.Region);
    }

    public override string ToString() => BodyRegions.Describe(this);

    private static bool SidesOverlap(BodySide a, BodySide b) =>
        a == BodySide.Unspecified || b == BodySide.Unspecified || a == BodySide.Both || b == BodySide.Both || a == b;
}
