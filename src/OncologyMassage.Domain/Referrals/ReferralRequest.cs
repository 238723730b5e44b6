namespace OncologyMassage.Domain.Referrals;

// The JSON body of POST /api/referrals, exactly as a referring practice sends it. Every member is nullable so that a
// missing field is reported by the validator with its name instead of failing deserialization.

/// <summary>A referral as submitted by the referring oncologist's practice.</summary>
public sealed record ReferralRequest(
    ClientRequest? Client,
    OncologistRequest? Oncologist,
    string? VenueId,
    string? Service,
    ClinicalSummaryRequest? ClinicalSummary,
    string? Notes,
    int? SessionsAuthorised);

/// <summary>The person referred for oncology massage or skin care.</summary>
public sealed record ClientRequest(
    string? GivenName,
    string? FamilyName,
    string? DateOfBirth,
    string? MobilePhone,
    string? Email,
    string? PreferredContact,
    string? TimeZone)
{
    /// <summary>The language the client reads, as a BCP 47 tag ("en", "es-MX"); English when not given.</summary>
    public string? PreferredLanguage { get; init; }
}

/// <summary>The referring oncologist.</summary>
public sealed record OncologistRequest(string? Name, string? Practice, string? Email, string? Phone);

/// <summary>What the oncologist tells the clinic about the client's cancer and its treatment.</summary>
public sealed record ClinicalSummaryRequest(
    string? CancerType,
    IReadOnlyList<TreatmentRequest>? Treatments,
    IReadOnlyList<PrecautionRequest>? Precautions);

/// <summary>One treatment (chemotherapy, radiation, surgery …) with its dates.</summary>
public sealed record TreatmentRequest(string? Type, string? StartedOn, string? EndedOn);

/// <summary>A structured precaution code (DOMAIN.md) with the region and side where it applies.</summary>
public sealed record PrecautionRequest(string? Code, string? Region, string? Side, string? Detail);
