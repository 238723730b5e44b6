namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// The error code of each <see cref="IntakeValidator"/> rule: the name of its message in the client pages' resource files
/// (ClientPages.resx and its translations, docs/languages.md), where the intake page reads it in the client's language.
/// The validator's own message stays English (staff and API callers, tests); a rule's numbers travel as its custom state
/// (an object[] filling the entry's {0}, {1}), so the translator sees them as placeholders.
/// </summary>
public static class IntakeRuleKeys
{
    public const string CancerType = "IntakeRule_CancerType";
    public const string DiagnosisDate = "IntakeRule_DiagnosisDate";
    public const string TreatmentOrder = "IntakeRule_TreatmentOrder";
    public const string TreatmentDates = "IntakeRule_TreatmentDates";
    public const string SurgeryDate = "IntakeRule_SurgeryDate";
    public const string SurgeryProcedure = "IntakeRule_SurgeryProcedure";
    public const string NodesSide = "IntakeRule_NodesSide";
    public const string NodesCount = "IntakeRule_NodesCount";
    public const string ReconstructionSide = "IntakeRule_ReconstructionSide";
    public const string RadiationSide = "IntakeRule_RadiationSide";
    public const string RadiationDates = "IntakeRule_RadiationDates";
    public const string DeviceSide = "IntakeRule_DeviceSide";
    public const string PiccArm = "IntakeRule_PiccArm";
    public const string DevicePlaced = "IntakeRule_DevicePlaced";
    public const string Platelets = "IntakeRule_Platelets";
    public const string Anc = "IntakeRule_Anc";
    public const string Wbc = "IntakeRule_Wbc";
    public const string Haemoglobin = "IntakeRule_Haemoglobin";
    public const string ClotSide = "IntakeRule_ClotSide";
    public const string ClotDates = "IntakeRule_ClotDates";
    public const string LymphedemaSide = "IntakeRule_LymphedemaSide";
    public const string LymphedemaStage = "IntakeRule_LymphedemaStage";
    public const string BoneLesionSide = "IntakeRule_BoneLesionSide";
    public const string NeuropathySide = "IntakeRule_NeuropathySide";
    public const string Pain = "IntakeRule_Pain";
    public const string Fatigue = "IntakeRule_Fatigue";
    public const string Nausea = "IntakeRule_Nausea";
    public const string Anxiety = "IntakeRule_Anxiety";
    public const string Temperature = "IntakeRule_Temperature";
    public const string CareTeam = "IntakeRule_CareTeam";
    public const string CareTeamEmail = "IntakeRule_CareTeamEmail";
}
