using Hl7.Fhir.Model;

namespace OncologyMassage.Fhir;

/// <summary>What this server does over FHIR R4 (GET /api/fhir/r4/metadata).</summary>
public static class Capabilities
{
    public static CapabilityStatement Statement(string baseUrl) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-12-02",
        Kind = CapabilityStatementKind.Capability,
        Software = new CapabilityStatement.SoftwareComponent { Name = "OncologyMassage.Functions" },
        // Kind "capability", not "instance": an instance must carry implementation.description, which the SDK's shared model
        // types markdown where R4 says string, so the validator would refuse our own statement.
        Description = $"Oncology massage referrals (BSeR-shaped) at {baseUrl}",
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirJson.MediaType, "json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = "Referring practices send their practice key in the X-Api-Key header; each reads only its own referrals.",
                },
                Resource =
                [
                    Resource("Bundle", "A transaction or message Bundle holding one referral (create); a referral's feedback document (read).",
                        CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read),
                    Resource("Task", "The referral's progress: status and businessStatus follow its stage.", CapabilityStatement.TypeRestfulInteraction.Read),
                    Resource("ServiceRequest", "The referral as accepted.", CapabilityStatement.TypeRestfulInteraction.Read),
                ],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(string type, string documentation, params CapabilityStatement.TypeRestfulInteraction[] interactions) => new()
    {
        Type = type,
        Documentation = documentation,
        Interaction = interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
    };
}
