using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Findings a screened follow-up reply adds to the next plan. DOMAIN.md: after flu-like illness or severe fatigue "the
/// next plan is lowered" (a FATIGUE finding: pressure ≤3, session ≤45 min); vomiting adds a NAUSEA finding with its
/// hold. Other flags go to the coordinator, who records what the care team says as findings.
/// </summary>
public static class ReplyFindings
{
    public static IReadOnlyList<Finding> From(RedFlagResult result, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = new List<Finding>();
        if (result.Reasons.Contains(RedFlagScreener.FluLikeOrSevereFatigue))
        {
            findings.Add(new Finding(PrecautionCode.Fatigue, Date: date, Detail: "flu-like illness or severe fatigue after the last session"));
        }

        if (result.Reasons.Contains(RedFlagScreener.Vomiting))
        {
            findings.Add(new Finding(PrecautionCode.Nausea, Date: date, Signs: FindingSigns.Vomiting, Detail: "vomiting reported after the last session"));
        }

        return findings;
    }
}
