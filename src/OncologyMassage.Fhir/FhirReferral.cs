using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Fhir;

/// <summary>What the FHIR views need of a stored referral (the Functions app fills it from its referral record).</summary>
public sealed record FhirReferral(string Id, Referral Referral, Stage Stage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
