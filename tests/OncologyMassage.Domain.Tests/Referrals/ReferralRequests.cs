using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Domain.Tests.Referrals;

/// <summary>A valid referral request to edit in tests.</summary>
internal static class ReferralRequests
{
    public static readonly DateOnly Today = new(2026, 11, 25);

    public static ReferralRequest Valid() => new(
        new ClientRequest("Ada", "Sample", "1968-04-12", "(617) 555-0143", "ada@example.org", "sms", "America/New_York"),
        new OncologistRequest("Dr. Rosa Demo", "Harbor Oncology", "rosa@example.org", "+1 617 555 0100"),
        "harbor-infusion-center",
        "OncologyMassage",
        new ClinicalSummaryRequest("Breast cancer",
            [new TreatmentRequest("chemotherapy", "2026-07-01", null), new TreatmentRequest("car-t", "2026-01-10", "2026-01-12")],
            [new PrecautionRequest("PORT", "chest", "right", null), new PrecautionRequest("nodes_removed", "arm", "left", "3 nodes")]),
        "Prefers afternoons",
        3);
}
