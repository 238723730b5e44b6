using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Intake;

/// <summary>Every word of the intake page, its choices, its validation and its refusals (Languages/ClientPages.resx, Intake_*), in the client's language.</summary>
public static class IntakeStrings
{
    public static string Title => PageText.Get("Intake_Title");
    public static string Heading => PageText.Get("Intake_Heading");

    public static string Intro(string givenName, DateTimeOffset respondBy) => PageText.Format("Intake_Intro", givenName, respondBy);

    public static string Send => PageText.Get("Intake_Send");
    public static string OnceOnly => PageText.Get("Intake_OnceOnly");
    public static string ThankYou => PageText.Get("Intake_ThankYou");
    public static string Recorded => PageText.Get("Intake_Recorded");
    public static string AlreadySent => PageText.Get("Intake_AlreadySent");
    public static string AlreadySentDetail => PageText.Get("Intake_AlreadySentDetail");

    // Cancer and treatments
    public static string CancerAndTreatments => PageText.Get("Intake_CancerAndTreatments");
    public static string CancerType => PageText.Get("Intake_CancerType");
    public static string CancerTypeHint => PageText.Get("Intake_CancerTypeHint");
    public static string DiagnosisDate => PageText.Get("Intake_DiagnosisDate");
    public static string MetastasisSites => PageText.Get("Intake_MetastasisSites");
    public static string MetastasisSitesHint => PageText.Get("Intake_MetastasisSitesHint");
    public static string TreatmentsIntro => PageText.Get("Intake_TreatmentsIntro");
    public static string Started => PageText.Get("Intake_Started");
    public static string Ended => PageText.Get("Intake_Ended");
    public static string ChemoLastDose => PageText.Get("Intake_ChemoLastDose");
    public static string NextInfusion => PageText.Get("Intake_NextInfusion");

    public static string Treatment(TreatmentType type) => type switch
    {
        TreatmentType.Chemotherapy or TreatmentType.Radiation or TreatmentType.Surgery or TreatmentType.Hormonal
            or TreatmentType.Immunotherapy or TreatmentType.Targeted => PageText.Get($"Intake_Treatment{type}"),
        _ => PageText.Get("Intake_TreatmentTransplantOrCarT"),
    };

    // Surgeries
    public static string Surgeries => PageText.Get("Intake_Surgeries");
    public static string SurgeriesHint => PageText.Get("Intake_SurgeriesHint");
    public static string Surgery(int number) => PageText.Format("Intake_Surgery", number);
    public static string Procedure => PageText.Get("Intake_Procedure");
    public static string ProcedureHint => PageText.Get("Intake_ProcedureHint");
    public static string Date => PageText.Get("Intake_Date");
    public static string BodyArea => PageText.Get("Intake_BodyArea");
    public static string Side => PageText.Get("Intake_Side");
    public static string ScarHealed => PageText.Get("Intake_ScarHealed");
    public static string WoundOpen => PageText.Get("Intake_WoundOpen");
    public static string HasDrain => PageText.Get("Intake_HasDrain");
    public static string Nodes => PageText.Get("Intake_Nodes");
    public static string NodesSide => PageText.Get("Intake_NodesSide");
    public static string NodesCount => PageText.Get("Intake_NodesCount");
    public static string NodesSentinel => PageText.Get("Intake_NodesSentinel");
    public static string NodesRadiated => PageText.Get("Intake_NodesRadiated");
    public static string Reconstruction => PageText.Get("Intake_Reconstruction");
    public static string DonorRegion => PageText.Get("Intake_DonorRegion");
    public static string ProneAllowed => PageText.Get("Intake_ProneAllowed");
    public static string SurgeonRestrictions => PageText.Get("Intake_SurgeonRestrictions");

    public static IReadOnlyList<Choice> NodeChoices =>
        [Choose("none", "Intake_NodesNone"), Choose("armpit", "Intake_NodesArmpit"), Choose("groin", "Intake_NodesGroin"), Choose("neck", "Intake_NodesNeck")];

    public static IReadOnlyList<Choice> ReconstructionChoices =>
        [Choose("none", "Intake_ReconstructionNone"), Choose("implant", "Intake_ReconstructionImplant"), Choose("expander", "Intake_ReconstructionExpander"), Choose("flap", "Intake_ReconstructionFlap")];

    // Radiation
    public static string RadiationTherapy => PageText.Get("Intake_RadiationTherapy");
    public static string AreaTreated(int number) => PageText.Format("Intake_AreaTreated", number);
    public static string SkinThereNow => PageText.Get("Intake_SkinThereNow");
    public static string SkinHealed => PageText.Get("Intake_SkinHealed");
    public static string Fibrosis => PageText.Get("Intake_Fibrosis");
    public static string Cleared => PageText.Get("Intake_Cleared");

    public static IReadOnlyList<Choice> ReactionChoices =>
        [Choose("none", "Intake_ReactionNone"), Choose("redness", "Intake_ReactionRedness"), Choose("dry", "Intake_ReactionDry"), Choose("wet", "Intake_ReactionWet"), Choose("blisters", "Intake_ReactionBlisters")];

    // Devices
    public static string Devices => PageText.Get("Intake_Devices");
    public static string Where => PageText.Get("Intake_Where");
    public static string Placed => PageText.Get("Intake_Placed");
    public static string DeviceSigns => PageText.Get("Intake_DeviceSigns");

    public static string Device(DeviceType type) => type switch
    {
        DeviceType.Port or DeviceType.Picc or DeviceType.CentralLine or DeviceType.Drain or DeviceType.Ostomy => PageText.Get($"Intake_Device{type}"),
        _ => PageText.Get("Intake_DeviceFeedingTube"),
    };

    // Labs
    public static string Labs => PageText.Get("Intake_Labs");
    public static string LabsHint => PageText.Get("Intake_LabsHint");
    public static string Drawn => PageText.Get("Intake_Drawn");
    public static string DontKnow => PageText.Get("Intake_DontKnow");

    public static (string Label, string Hint) Lab(string property) => property switch
    {
        nameof(LabRows.Platelets) or nameof(LabRows.Anc) or nameof(LabRows.Wbc) => (PageText.Get($"Intake_Lab{property}"), PageText.Get($"Intake_Lab{property}Hint")),
        _ => (PageText.Get("Intake_LabHaemoglobin"), PageText.Get("Intake_LabHaemoglobinHint")),
    };

    // Clots, bone, brain
    public static string Clots => PageText.Get("Intake_Clots");
    public static string Clot(int number) => PageText.Format("Intake_Clot", number);
    public static string When => PageText.Get("Intake_When");
    public static string TreatmentEnded => PageText.Get("Intake_TreatmentEnded");
    public static string CalfSigns => PageText.Get("Intake_CalfSigns");
    public static string Anticoagulants => PageText.Get("Intake_Anticoagulants");
    public static string AnticoagulantsHint => PageText.Get("Intake_AnticoagulantsHint");
    public static string BonesAndBrain => PageText.Get("Intake_BonesAndBrain");
    public static string BoneArea(int number) => PageText.Format("Intake_BoneArea", number);
    public static string Osteoporosis => PageText.Get("Intake_Osteoporosis");
    public static string HighFractureRisk => PageText.Get("Intake_HighFractureRisk");
    public static string BoneNightPain => PageText.Get("Intake_BoneNightPain");
    public static string BrainMetastases => PageText.Get("Intake_BrainMetastases");
    public static string Seizures => PageText.Get("Intake_Seizures");
    public static string Anticonvulsants => PageText.Get("Intake_Anticonvulsants");

    // Nerves, lymphedema, skin
    public static string Neuropathy => PageText.Get("Intake_Neuropathy");
    public static string InMyHands => PageText.Get("Intake_InMyHands");
    public static string InMyFeet => PageText.Get("Intake_InMyFeet");
    public static string No => PageText.Get("Intake_No");
    public static string Numb => PageText.Get("Intake_Numb");
    public static string Burns => PageText.Get("Intake_Burns");
    public static string Lymphedema => PageText.Get("Intake_Lymphedema");
    public static string Swelling => PageText.Get("Intake_Swelling");
    public static string Limb => PageText.Get("Intake_Limb");
    public static string Stage => PageText.Get("Intake_Stage");
    public static string LymphTherapy => PageText.Get("Intake_LymphTherapy");
    public static string Garment => PageText.Get("Intake_Garment");
    public static string Therapist => PageText.Get("Intake_Therapist");
    public static string Sudden => PageText.Get("Intake_Sudden");

    public static IReadOnlyList<Choice> LymphStatusChoices =>
        [Choose("present", "Intake_LymphStatusPresent"), Choose("risk", "Intake_LymphStatusRisk")];

    public static IReadOnlyList<Choice> LimbChoices =>
        [Choose("arm", "Intake_LimbArm"), Choose("leg", "Intake_LimbLeg")];

    public static string SkinChanges => PageText.Get("Intake_SkinChanges");
    public static string Rash => PageText.Get("Intake_Rash");
    public static string Dry => PageText.Get("Intake_Dry");
    public static string Nails => PageText.Get("Intake_Nails");
    public static string Blisters => PageText.Get("Intake_Blisters");
    public static string OpenSkin => PageText.Get("Intake_OpenSkin");
    public static string Infected => PageText.Get("Intake_Infected");

    // Symptoms and comfort
    public static string HowYouFeel => PageText.Get("Intake_HowYouFeel");

    public static string Symptom(string property) => property switch
    {
        nameof(SymptomAnswers.Pain) or nameof(SymptomAnswers.Fatigue) or nameof(SymptomAnswers.Nausea) => PageText.Get($"Intake_Symptom{property}"),
        _ => PageText.Get("Intake_SymptomAnxiety"),
    };

    public static string NotRated => PageText.Get("Intake_NotRated");
    public static string MedicinesAndComfort => PageText.Get("Intake_MedicinesAndComfort");
    public static string Medications => PageText.Get("Intake_Medications");
    public static string Steroids => PageText.Get("Intake_Steroids");
    public static string WeightLoss => PageText.Get("Intake_WeightLoss");
    public static string ScentSensitive => PageText.Get("Intake_ScentSensitive");
    public static string PositionsThatHurt => PageText.Get("Intake_PositionsThatHurt");

    /// <summary>A position in the client's own words.</summary>
    public static string Position(Position position) => position switch
    {
        Domain.Clinical.Position.Prone or Domain.Clinical.Position.Supine or Domain.Clinical.Position.SideLyingLeft
            or Domain.Clinical.Position.SideLyingRight => PageText.Get($"Intake_Position{position}"),
        _ => PageText.Get("Intake_PositionSeated"),
    };

    // Today
    public static string Today => PageText.Get("Intake_Today");
    public static string Temperature => PageText.Get("Intake_Temperature");
    public static string TemperatureHint => PageText.Get("Intake_TemperatureHint");
    public static string Infection => PageText.Get("Intake_Infection");
    public static string Antibiotics => PageText.Get("Intake_Antibiotics");
    public static string Vomiting => PageText.Get("Intake_Vomiting");
    public static string NoFluids => PageText.Get("Intake_NoFluids");
    public static string Fainting => PageText.Get("Intake_Fainting");
    public static string ChestPain => PageText.Get("Intake_ChestPain");
    public static string Breathless => PageText.Get("Intake_Breathless");
    public static string RapidWeightLoss => PageText.Get("Intake_RapidWeightLoss");

    // Goals and care team
    public static string GoalsAndCareTeam => PageText.Get("Intake_GoalsAndCareTeam");
    public static string Goals => PageText.Get("Intake_Goals");
    public static string GoalsHint => PageText.Get("Intake_GoalsHint");
    public static string CareTeamName => PageText.Get("Intake_CareTeamName");
    public static string CareTeamNameHint => PageText.Get("Intake_CareTeamNameHint");
    public static string CareTeamPhone => PageText.Get("Intake_CareTeamPhone");
    public static string CareTeamEmail => PageText.Get("Intake_CareTeamEmail");
    public static string CareTeamPermission => PageText.Get("Intake_CareTeamPermission");

    // Validation
    public static string ErrorCancerType => PageText.Get("Intake_ErrorCancerType");
    public static string ErrorSurgeryRow(int number) => PageText.Format("Intake_ErrorSurgeryRow", number);
    public static string ErrorNodes => PageText.Get("Intake_ErrorNodes");
    public static string ErrorReconstructionSite => PageText.Get("Intake_ErrorReconstructionSite");
    public static string ErrorRadiationRow(int number) => PageText.Format("Intake_ErrorRadiationRow", number);
    public static string ErrorClotRow(int number) => PageText.Format("Intake_ErrorClotRow", number);
    public static string ErrorLymphedemaRow(int number) => PageText.Format("Intake_ErrorLymphedemaRow", number);
    public static string ErrorPosition => PageText.Get("Intake_ErrorPosition");
    public static string ErrorLabValue => PageText.Get("Intake_ErrorLabValue");
    public static string ErrorLabDrawn => PageText.Get("Intake_ErrorLabDrawn");
    public static string ErrorTemperature => PageText.Get("Intake_ErrorTemperature");
    public static string ErrorScore => PageText.Get("Intake_ErrorScore");
    public static string ErrorWholeNumber(int min, int max) => PageText.Format("Intake_ErrorWholeNumber", min, max);
    public static string ErrorRegion => PageText.Get("Intake_ErrorRegion");
    public static string ErrorSide => PageText.Get("Intake_ErrorSide");
    public static string ErrorDate => PageText.Get("Intake_ErrorDate");
    public static string ErrorTooLong(int max) => PageText.Format("Intake_ErrorTooLong", max);

    /// <summary>
    /// A clinical check of the whole intake (the domain's <see cref="IntakeValidator"/>) in the client's language: its error
    /// code names the entry (<see cref="IntakeRuleKeys"/>, IntakeRule_*), its custom state fills the placeholders. A rule
    /// without an entry keeps the validator's English <paramref name="english"/> rather than showing nothing.
    /// </summary>
    public static string Rule(string? errorCode, object? state, string english) =>
        PageText.TryFormat(errorCode, state as object[] ?? []) ?? english;

    // Choices shared with the layout: body areas and sides in the client's words (staff pages keep DisplayNames, English)
    public static string RegionName(BodyRegion region) => PageText.Get($"Intake_Region{region}");
    public static string SideName(BodySide side) => PageText.Get($"Intake_Side{side}");
    public static string RatingNone => PageText.Get("Intake_RatingNone");
    public static string RatingWorst => PageText.Get("Intake_RatingWorst");

    private static Choice Choose(string value, string key) => new(value, PageText.Get(key));
}
