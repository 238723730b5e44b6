namespace OncologyMassage.Fhir;

/// <summary>The identifier and code systems this service reads and writes (docs/fhir.md, "Identifier and code systems").</summary>
public static class FhirSystems
{
    /// <summary>A venue of the clinic: <c>ServiceRequest.performer</c>'s identifier, value = the venue id.</summary>
    public const string Venue = "urn:oncologymassage:venue";

    /// <summary>A referral of the clinic: the id of its Task, ServiceRequest and feedback Bundle.</summary>
    public const string Referral = "urn:oncologymassage:referral";

    /// <summary>The service asked for: <c>oncology-massage</c> or <c>esthetician-skin-care</c> in <c>ServiceRequest.code</c>.</summary>
    public const string Service = "urn:oncologymassage:service";

    /// <summary>A treatment type (chemotherapy, radiation, surgery …) on a Procedure's or MedicationStatement's category.</summary>
    public const string Treatment = "urn:oncologymassage:treatment";

    /// <summary>A precaution code (PORT, NODES_REMOVED …) on a Condition's code.</summary>
    public const string Precaution = "urn:oncologymassage:precaution";

    /// <summary>A body region (arm, chest …) on a precaution Condition's bodySite.</summary>
    public const string BodyRegion = "urn:oncologymassage:body-region";

    /// <summary>A side (left, right, both) on a precaution Condition's bodySite.</summary>
    public const string BodySide = "urn:oncologymassage:body-side";

    /// <summary>The referral's stage, as <c>Task.businessStatus</c>.</summary>
    public const string Stage = "urn:oncologymassage:stage";

    /// <summary>Symptom scores before and after a session, and the count of sessions given, where no standard code fits.</summary>
    public const string Outcome = "urn:oncologymassage:outcome";

    /// <summary>The client's time zone (an IANA id), a core extension on Patient.</summary>
    public const string TimeZoneExtension = "http://hl7.org/fhir/StructureDefinition/timezone";

    public const string Loinc = "http://loinc.org";

    /// <summary>LOINC 72514-3: pain severity, 0–10 verbal numeric rating, reported.</summary>
    public const string LoincPainScore = "72514-3";

    /// <summary>LOINC 11488-4: consult note (the feedback document's type).</summary>
    public const string LoincConsultNote = "11488-4";

    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
}
