namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// One structured precaution about the client, from a referral, an MD release or an intake.
/// </summary>
/// <param name="Code">The precaution (docs/clinical.md's table).</param>
/// <param name="Site">Where it applies; null when it is whole-body (e.g. low platelets).</param>
/// <param name="Value">The measured value where the row asks for one: platelets per mm³, temperature in °C, a 0–10 score.</param>
/// <param name="Date">The date that matters for the row: placed, operated, radiation ended, clot, lab drawn, last chemo dose.</param>
/// <param name="Signs">Warning signs and status facts observed with it.</param>
/// <param name="Detail">Free text as given (e.g. "right axillary dissection, 12 nodes"), shown as the cause.</param>
public sealed record Finding(
    PrecautionCode Code,
    BodySite? Site = null,
    double? Value = null,
    DateOnly? Date = null,
    FindingSigns Signs = FindingSigns.None,
    string? Detail = null)
{
    public bool Has(FindingSigns sign) => (Signs & sign) == sign;

    public bool HasAny(FindingSigns signs) => (Signs & signs) != 0;

    /// <summary>Short label used as the cause of a constraint, e.g. "PORT (left chest)".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Site is not null)
        {
            parts.Add(Site.ToString());
        }

        if (Detail is { Length: > 0 })
        {
            parts.Add(Detail);
        }

        return parts.Count == 0 ? Code.ToCode() : $"{Code.ToCode()} ({string.Join(", ", parts)})";
    }
}
