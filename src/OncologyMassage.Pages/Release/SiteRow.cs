namespace OncologyMassage.Pages.Release;

/// <summary>One row of the release form's site restrictions: <c>sites[i].region</c>, <c>sites[i].side</c>, <c>sites[i].pressure</c>.</summary>
public sealed class SiteRow
{
    /// <summary>A region's wire name (<c>arm</c>, <c>upper-back</c>).</summary>
    public string? Region { get; init; }

    /// <summary><c>left</c>, <c>right</c>, <c>both</c>, or blank.</summary>
    public string? Side { get; init; }

    /// <summary>A Walton level 0–5, or <c>none</c> for no contact.</summary>
    public string? Pressure { get; init; }

    internal bool IsBlank => Region is null && Side is null && Pressure is null;
}
