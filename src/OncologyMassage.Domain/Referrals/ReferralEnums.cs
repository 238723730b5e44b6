namespace OncologyMassage.Domain.Referrals;

/// <summary>The service a referral asks for.</summary>
public enum ServiceType
{
    OncologyMassage,
    EstheticianSkinCare,
}

/// <summary>How the client prefers to be reached.</summary>
public enum ContactChannel
{
    Sms,
    Email,
}

/// <summary>Treatment kinds named by the intake (DOMAIN.md, "Intake").</summary>
public enum TreatmentType
{
    Chemotherapy,
    Radiation,
    Surgery,
    Hormonal,
    Immunotherapy,
    Targeted,
    Transplant,
    CarT,
}
