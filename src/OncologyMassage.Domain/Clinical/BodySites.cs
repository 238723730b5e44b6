using System.Diagnostics.CodeAnalysis;

namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Wire form of a body site: <c>region</c> or <c>region:side</c>, e.g. <c>arm:left</c>, <c>upper-quadrant:right</c>,
/// <c>abdomen</c>. Parsing also accepts "left arm" and "left-arm".
/// </summary>
public static class BodySites
{
    public static string ToWire(this BodySite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var region = site.Region.ToWireName();
        return site.Side == BodySide.Unspecified ? region : $"{region}:{site.Side.ToString().ToLowerInvariant()}";
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out BodySite? site)
    {
        site = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim().ToLowerInvariant();
        var side = BodySide.Unspecified;
        if (value.Contains(':', StringComparison.Ordinal))
        {
            var parts = value.Split(':', 2);
            if (!Enum.TryParse(parts[1].Trim(), ignoreCase: true, out side) || !Enum.IsDefined(side))
            {
                return false;
            }

            value = parts[0];
        }
        else
        {
            foreach (var (prefix, s) in new[] { ("left", BodySide.Left), ("right", BodySide.Right), ("both", BodySide.Both) })
            {
                if (value.StartsWith(prefix + " ", StringComparison.Ordinal) || value.StartsWith(prefix + "-", StringComparison.Ordinal))
                {
                    side = s;
                    value = value[(prefix.Length + 1)..];
                    break;
                }
            }
        }

        if (!BodyRegions.TryParse(value, out var region))
        {
            return false;
        }

        site = new BodySite(region.Value, side);
        return true;
    }
}
