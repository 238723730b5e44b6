namespace OncologyMassage.Domain.Clinical;

/// <summary>The planned service: oncology massage (OM) or esthetician skin care (ESC).</summary>
public enum ServiceType
{
    OncologyMassage,
    EstheticianSkinCare,
}
