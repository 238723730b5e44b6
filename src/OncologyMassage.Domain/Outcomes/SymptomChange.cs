using System.Globalization;

namespace OncologyMassage.Domain.Outcomes;

/// <summary>Mean pre→post change of one symptom over the sessions that have both ratings.</summary>
/// <param name="Symptom">The symptom.</param>
/// <param name="N">Sessions with both a pre and a post rating.</param>
/// <param name="MeanPre">Mean rating before, over those sessions (null when N is 0).</param>
/// <param name="MeanPost">Mean rating after, over those sessions (null when N is 0).</param>
/// <param name="Incomplete">Sessions with only one of the two ratings: left out, not imputed.</param>
public sealed record SymptomChange(Symptom Symptom, int N, double? MeanPre, double? MeanPost, int Incomplete)
{
    /// <summary>Mean post minus mean pre: negative means the symptom eased.</summary>
    public double? MeanChange => MeanPost - MeanPre;

    /// <summary>E.g. "Pain 3.3 → 1.9 (−1.4, n = 12)" or "Nausea: no paired ratings".</summary>
    public override string ToString() => N == 0
        ? $"{Symptom}: no paired ratings"
        : string.Create(CultureInfo.InvariantCulture, $"{Symptom} {MeanPre:0.0} → {MeanPost:0.0} ({MeanChange:+0.0;−0.0;0.0}, n = {N})");
}
