namespace OncologyMassage.Domain.Clinical;

/// <summary>Exactly one of the MD release's three answers.</summary>
public enum MdReleaseDecision
{
    NoContraindications,
    ModifyAsFollows,
    NotAdvisable,
}
