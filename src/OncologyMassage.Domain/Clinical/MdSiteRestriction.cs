namespace OncologyMassage.Domain.Clinical;

/// <summary>A site the physician restricts: no contact when <paramref name="MaxPressure"/> is null, otherwise a Walton limit there.</summary>
public sealed record MdSiteRestriction(BodySite Site, int? MaxPressure = null);
