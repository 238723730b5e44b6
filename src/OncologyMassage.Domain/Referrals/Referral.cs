using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Referrals;

/// <summary>A validated, normalised referral (phones in E.164, dates parsed, codes typed).</summary>
public sealed record Referral(
    ClientDetails Client,
    OncologistDetails Oncologist,
    string VenueId,
    ServiceType Service,
    ClinicalSummary ClinicalSummary,
    string? Notes,
    int SessionsAuthorised);

public sealed record ClientDetails(
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string MobilePhone,
    string Email,
    ContactChannel PreferredContact,
    string TimeZone)
{
    /// <summary>The language the client reads, a BCP 47 tag; referrals stored before it existed read as English.</summary>
    public string PreferredLanguage { get; init; } = DefaultLanguage;

    public const string DefaultLanguage = "en";

    /// <summary>Initials only: what dashboards and logs may show instead of the name.</summary>
    public string Initials => $"{GivenName[0]}{FamilyName[0]}".ToUpperInvariant();
}

public sealed record OncologistDetails(string Name, string Practice, string Email, string Phone);

public sealed record ClinicalSummary(string CancerType, IReadOnlyList<Treatment> Treatments, IReadOnlyList<Precaution> Precautions);

public sealed record Treatment(TreatmentType Type, DateOnly StartedOn, DateOnly? EndedOn);

public sealed record Precaution(PrecautionCode Code, BodyRegion? Region, BodySide? Side, string? Detail)
{
    /// <summary>The precaution as a finding for the rules engine (region and side as a site, when given).</summary>
    public Finding ToFinding() => new(Code, Region is { } region ? new BodySite(region, Side ?? BodySide.Unspecified) : null, Detail: Detail);
}
