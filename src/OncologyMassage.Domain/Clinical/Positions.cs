namespace OncologyMassage.Domain.Clinical;

/// <summary>Which positions put the client's weight on a site ("no prone over it", "not lying on it").</summary>
public static class Positions
{
    public static IReadOnlyList<Position> All { get; } = Enum.GetValues<Position>();

    public static IReadOnlyList<Position> LyingOn(BodySite? site)
    {
        if (site is null || site.Region == BodyRegion.WholeBody)
        {
            return [];
        }

        return site.Region switch
        {
            BodyRegion.Chest or BodyRegion.Abdomen => [Position.Prone],
            BodyRegion.UpperBack or BodyRegion.LowerBack => [Position.Supine],
            BodyRegion.HeadNeck => [],
            _ => site.Side switch
            {
                BodySide.Left => [Position.SideLyingLeft],
                BodySide.Right => [Position.SideLyingRight],
                _ => [Position.SideLyingLeft, Position.SideLyingRight],
            },
        };
    }

    public static string Describe(this Position position) => position switch
    {
        Position.Prone => "prone",
        Position.Supine => "supine",
        Position.SideLyingLeft => "side-lying on the left",
        Position.SideLyingRight => "side-lying on the right",
        _ => "seated",
    };
}
