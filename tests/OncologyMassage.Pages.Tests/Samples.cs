using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Pages.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset At = new(2026, 11, 1, 15, 0, 0, TimeSpan.Zero);

    public static ReferralRecord Referral(string givenName = "Ada", IReadOnlyList<Precaution>? precautions = null) => new("ref-1", "practice-1", new Referral(
        new ClientDetails(givenName, "Sample", new DateOnly(1968, 4, 12), "+16175550143", "ada@example.org", ContactChannel.Sms, "America/New_York"),
        new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+16175550100"), "harbor", ServiceType.OncologyMassage,
        new ClinicalSummary("Breast cancer", [new Treatment(TreatmentType.TransplantOrCarT, new DateOnly(2026, 9, 1), null)], precautions ?? []), null, 3),
        Stage.MdReleaseRequested, 2, At, At, null);

    public static AdaptationPlan Plan(params Finding[] findings) =>
        new AdaptationEngine().Evaluate(findings, new DateOnly(2026, 11, 25));
}
