using System.Globalization;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Forms;

namespace OncologyMassage.Pages.Intake;

/// <summary>Every word of the intake slice: headings, labels, hints, choices, validation messages, refusals.</summary>
public static class IntakeStrings
{
    public const string Title = "Intake";
    public const string Heading = "Your health before your first session";

    public static string Intro(string givenName, DateTimeOffset respondBy) =>
        $"Hello {givenName}. Your answers help your therapist adapt pressure, position and products so the session is safe and comfortable "
        + "for you. Answer what you know; leave blank what you don't. Only your therapist, the venue's coordinator and, if you allow it, "
        + $"your care team see this. Please answer by {respondBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";

    public const string Send = "Send my answers";
    public const string OnceOnly = "This link works once and expires. If you feel very unwell, call your oncology team's triage line; this form is not read at once.";
    public const string ThankYou = "Thank you";
    public const string Recorded = "Your answers are with your therapist, who will adapt your session to them. The venue will contact you to book your session.";
    public const string AlreadySent = "Your answers were already sent";
    public const string AlreadySentDetail = "This form works once. If something has changed, tell the venue or your therapist before your session.";

    // Cancer and treatments
    public const string CancerAndTreatments = "Your cancer and treatments";
    public const string CancerType = "Type of cancer";
    public const string CancerTypeHint = "For example: breast cancer, lymphoma.";
    public const string DiagnosisDate = "Date of diagnosis (if you know it)";
    public const string MetastasisSites = "Has it spread anywhere? Where?";
    public const string MetastasisSitesHint = "For example: bone, liver. Leave blank if not, or if you don't know.";
    public const string TreatmentsIntro = "Treatments you have had or are having now (tick each, dates if you know them):";
    public const string Started = "Started";
    public const string Ended = "Ended (blank if ongoing)";
    public const string ChemoLastDose = "Date of your last chemotherapy dose";
    public const string NextInfusion = "Date of your next infusion, if one is planned";

    public static string Treatment(TreatmentType type) => type switch
    {
        TreatmentType.Chemotherapy => "Chemotherapy",
        TreatmentType.Radiation => "Radiation therapy",
        TreatmentType.Surgery => "Surgery",
        TreatmentType.Hormonal => "Hormone therapy",
        TreatmentType.Immunotherapy => "Immunotherapy",
        TreatmentType.Targeted => "Targeted therapy",
        _ => "Stem cell transplant or CAR-T",
    };

    // Surgeries
    public const string Surgeries = "Surgeries";
    public const string SurgeriesHint = "Up to three operations, most recent first. Leave a row empty if it does not apply.";
    public static string Surgery(int number) => $"Surgery {number}";
    public const string Procedure = "Operation";
    public const string ProcedureHint = "For example: lumpectomy, mastectomy.";
    public const string Date = "Date";
    public const string BodyArea = "Body area";
    public const string Side = "Side";
    public const string ScarHealed = "The scar has fully healed";
    public const string WoundOpen = "The wound is open or draining";
    public const string HasDrain = "I still have a drain from this surgery";
    public const string Nodes = "Lymph nodes removed";
    public const string NodesSide = "Which side";
    public const string NodesCount = "How many (if you know)";
    public const string NodesSentinel = "Only sentinel node(s) were removed";
    public const string NodesRadiated = "Those lymph nodes were also treated with radiation";
    public const string Reconstruction = "Reconstruction";
    public const string DonorRegion = "Flap taken from";
    public const string ProneAllowed = "My surgeon says I may lie face down";
    public const string SurgeonRestrictions = "Anything your surgeon told you to avoid";

    public static IReadOnlyList<Choice> NodeChoices { get; } =
        [new Choice("none", "None or don't know"), new Choice("armpit", "From the armpit"), new Choice("groin", "From the groin"), new Choice("neck", "From the neck")];

    public static IReadOnlyList<Choice> ReconstructionChoices { get; } =
        [new Choice("none", "None"), new Choice("implant", "Implant"), new Choice("expander", "Tissue expander"), new Choice("flap", "Flap (tissue from another part of the body)")];

    // Radiation
    public const string RadiationTherapy = "Radiation therapy";
    public static string AreaTreated(int number) => $"Area treated {number}";
    public const string SkinThereNow = "The skin there now";
    public const string SkinHealed = "The skin has fully healed";
    public const string Fibrosis = "The area feels hard or tight";
    public const string Cleared = "My radiation oncologist said massage directly on it is fine";

    public static IReadOnlyList<Choice> ReactionChoices { get; } =
        [new Choice("none", "Looks normal"), new Choice("redness", "Red"), new Choice("dry", "Dry or flaking"), new Choice("wet", "Wet or peeling"), new Choice("blisters", "Blisters")];

    // Devices
    public const string Devices = "Medical devices you have now";
    public const string Where = "Where";
    public const string Placed = "Date placed";
    public const string DeviceSigns = "Redness, swelling, pain or discharge there now";

    public static string Device(DeviceType type) => type switch
    {
        DeviceType.Port => "Port (implanted under the skin)",
        DeviceType.Picc => "PICC line (in the arm)",
        DeviceType.CentralLine => "Other central line",
        DeviceType.Drain => "Surgical drain",
        DeviceType.Ostomy => "Ostomy (stoma and pouch)",
        _ => "Feeding tube",
    };

    // Labs
    public const string Labs = "Your latest blood tests";
    public const string LabsHint = "Copy the numbers from your most recent report, with the date the blood was drawn. Tick \"I don't know\" if you don't have them.";
    public const string Drawn = "Date drawn";
    public const string DontKnow = "I don't know";

    public static (string Label, string Hint) Lab(string property) => property switch
    {
        nameof(LabRows.Platelets) => ("Platelets", "Per mm³, for example 150000 (a report showing 150 K/µL means 150000)."),
        nameof(LabRows.Anc) => ("Neutrophils (ANC)", "Per mm³, for example 1500."),
        nameof(LabRows.Wbc) => ("White blood cells (WBC)", "Per mm³, for example 4500."),
        _ => ("Haemoglobin", "In g/dL, for example 11.5."),
    };

    // Clots, bone, brain
    public const string Clots = "Blood clots and blood thinners";
    public static string Clot(int number) => $"Blood clot {number}";
    public const string When = "When";
    public const string TreatmentEnded = "Treatment ended";
    public const string CalfSigns = "Pain, swelling, warmth or redness in a calf right now";
    public const string Anticoagulants = "Blood thinners you take";
    public const string AnticoagulantsHint = "For example: apixaban, warfarin, heparin injections. Separate with commas.";
    public const string BonesAndBrain = "Bones and brain";
    public static string BoneArea(int number) => $"Cancer in the bone, area {number}";
    public const string Osteoporosis = "I have osteoporosis (thin bones)";
    public const string HighFractureRisk = "A doctor said I am at high risk of fracture";
    public const string BoneNightPain = "I have new bone pain, or bone pain at night";
    public const string BrainMetastases = "The cancer has spread to my brain";
    public const string Seizures = "I have had seizures";
    public const string Anticonvulsants = "Seizure medicines you take";

    // Nerves, lymphedema, skin
    public const string Neuropathy = "Numbness or tingling (neuropathy)";
    public const string InMyHands = "In my hands";
    public const string InMyFeet = "In my feet";
    public const string No = "No";
    public const string Numb = "It feels numb";
    public const string Burns = "It hurts or burns";
    public const string Lymphedema = "Lymphedema (swelling of an arm or leg)";
    public const string Swelling = "Swelling";
    public const string Limb = "Limb";
    public const string Stage = "Stage 0–3 (if known)";
    public const string LymphTherapy = "Lymphedema therapy you have";
    public const string Garment = "I wear a compression garment";
    public const string Therapist = "A certified lymphedema therapist guides my care";
    public const string Sudden = "The swelling increased suddenly, or the limb is red or warm";

    public static IReadOnlyList<Choice> LymphStatusChoices { get; } =
        [new Choice("present", "I have lymphedema"), new Choice("risk", "I am at risk (lymph nodes removed or radiated)")];

    public static IReadOnlyList<Choice> LimbChoices { get; } = [new Choice("arm", "Arm"), new Choice("leg", "Leg")];

    public const string SkinChanges = "Skin changes from treatment";
    public const string Rash = "Rash";
    public const string Dry = "Very dry skin";
    public const string Nails = "Nail changes";
    public const string Blisters = "Blisters";
    public const string OpenSkin = "Broken or open skin";
    public const string Infected = "Skin that looks infected";

    // Symptoms and comfort
    public const string HowYouFeel = "How you feel now (0 = none, 10 = worst)";

    public static string Symptom(string property) => property switch
    {
        nameof(SymptomAnswers.Pain) => "Pain",
        nameof(SymptomAnswers.Fatigue) => "Tiredness",
        nameof(SymptomAnswers.Nausea) => "Nausea",
        _ => "Worry or anxiety",
    };

    public const string NotRated = "Not answered";
    public const string MedicinesAndComfort = "Medicines and comfort";
    public const string Medications = "Medicines you take, one per line";
    public const string Steroids = "I take steroids (for example dexamethasone, prednisone)";
    public const string WeightLoss = "I have lost a lot of weight because of the illness";
    public const string ScentSensitive = "Smells bother me or make me feel sick";
    public const string PositionsThatHurt = "Positions that hurt or that you cannot lie in";

    /// <summary>A position in the client's own words.</summary>
    public static string Position(Position position) => position switch
    {
        Domain.Clinical.Position.Prone => "Lying face down",
        Domain.Clinical.Position.Supine => "Lying on my back",
        Domain.Clinical.Position.SideLyingLeft => "Lying on my left side",
        Domain.Clinical.Position.SideLyingRight => "Lying on my right side",
        _ => "Sitting",
    };

    // Today
    public const string Today = "Today";
    public const string Temperature = "Your temperature today, if you took it";
    public const string TemperatureHint = "In °C or °F, for example 37.2 or 99.0.";
    public const string Infection = "I have an infection now";
    public const string Antibiotics = "I am taking antibiotics";
    public const string Vomiting = "I am vomiting";
    public const string NoFluids = "I cannot keep fluids down";
    public const string Fainting = "I have fainted or nearly fainted recently";
    public const string ChestPain = "I have chest pain";
    public const string Breathless = "I get out of breath easily";
    public const string RapidWeightLoss = "I am losing weight quickly right now";

    // Goals and care team
    public const string GoalsAndCareTeam = "Your goals and your care team";
    public const string Goals = "What would you like from these sessions?";
    public const string GoalsHint = "For example: sleep better, less pain in my shoulder, relax before infusions.";
    public const string CareTeamName = "A contact in your care team (name)";
    public const string CareTeamNameHint = "Your oncology nurse or doctor.";
    public const string CareTeamPhone = "Their phone";
    public const string CareTeamEmail = "Their email";
    public const string CareTeamPermission = "You may contact my care team about my sessions";

    // Validation
    public const string ErrorCancerType = "Tell us the type of cancer (for example \"breast cancer\").";
    public static string ErrorSurgeryRow(int number) => $"Surgery {number}: give the operation and its date.";
    public const string ErrorNodes = "Lymph nodes: choose armpit, groin or neck.";
    public const string ErrorReconstructionSite = "Reconstruction: give the body area of this surgery.";
    public static string ErrorRadiationRow(int number) => $"Radiation {number}: choose the area that was treated.";
    public static string ErrorClotRow(int number) => $"Blood clot {number}: give where it was and when.";
    public static string ErrorLymphedemaRow(int number) => $"Lymphedema {number}: choose arm or leg, and whether swelling is there now or you are at risk.";
    public const string ErrorPosition = "Choose positions from the list.";
    public const string ErrorLabValue = "Write the number as on your lab report, or tick \"I don't know\".";
    public const string ErrorLabDrawn = "Give the date the blood was drawn.";
    public const string ErrorTemperature = "Write your temperature as a number, for example 37.2 (°C) or 99.0 (°F).";
    public const string ErrorScore = "Choose a number from 0 (none) to 10 (worst), or leave it blank.";
    public static string ErrorWholeNumber(int min, int max) => $"Give a whole number from {min} to {max}.";
    public const string ErrorRegion = "Choose a body area from the list.";
    public const string ErrorSide = "Choose left, right or both.";
    public const string ErrorDate = "Give the date as year-month-day, for example 2026-06-02.";
    public static string ErrorTooLong(int max) => $"Please keep this to {max} characters.";
}
