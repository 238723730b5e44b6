using System.Globalization;
using System.Text;
using OncologyMassage.Domain.Clinical;
using static OncologyMassage.Functions.Http.Pages.PageKit;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>
/// The client's intake form behind the signed intake link: every DOMAIN.md intake item in plain words, grouped in
/// fieldsets, each error next to its field. Nothing is required but the cancer type; a blank answer stays unknown.
/// </summary>
public static class IntakePages
{
    private static readonly (string Value, string Text)[] Regions =
    [
        ("", "—"), ("head-neck", "Head and neck"), ("chest", "Chest or breast"), ("upper-back", "Upper back"), ("lower-back", "Lower back"),
        ("abdomen", "Belly (abdomen)"), ("arm", "Arm"), ("hand", "Hand"), ("leg", "Leg"), ("foot", "Foot"),
    ];

    public static string Form(string givenName, IntakeForm values, IReadOnlyDictionary<string, string[]> errors, DateTimeOffset respondBy)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var v = values;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>Your health before your first session</h1>
            <p>Hello {E.Encode(givenName)}. Your answers help your therapist adapt pressure, position and products so the session is
            safe and comfortable for you. Answer what you know; leave blank what you don't. Only your therapist, the venue's
            coordinator and, if you allow it, your care team see this. Please answer by {respondBy:yyyy-MM-dd}.</p>
            """);
        html.Append(ErrorSummary(errors));
        html.Append("<form method=\"post\" novalidate>");

        // Cancer and treatments
        html.Append("<fieldset><legend>Your cancer and treatments</legend>");
        html.Append(Text("cancerType", "Type of cancer", v["cancerType"], errors, hint: "For example: breast cancer, lymphoma.", required: true));
        html.Append(Text("diagnosisDate", "Date of diagnosis (if you know it)", v["diagnosisDate"], errors, "date"));
        html.Append(Text("metastasisSites", "Has it spread anywhere? Where?", v["metastasisSites"], errors, hint: "For example: bone, liver. Leave blank if not, or if you don't know."));
        html.Append("<p>Treatments you have had or are having now (tick each, dates if you know them):</p>");
        foreach (var (_, name, label) in IntakeForm.Treatments)
        {
            html.Append("<div class=\"row\"><div>").Append(Check(name, "yes", label, v.IsChecked(name))).Append(GroupError(name, errors)).Append("</div>");
            html.Append("<div>").Append(Text($"{name}Start", "Started", v[$"{name}Start"], errors, "date")).Append("</div>");
            html.Append("<div>").Append(Text($"{name}End", "Ended (blank if ongoing)", v[$"{name}End"], errors, "date")).Append("</div></div>");
        }

        html.Append(Text("chemoLastDose", "Date of your last chemotherapy dose", v["chemoLastDose"], errors, "date"));
        html.Append(Text("nextInfusion", "Date of your next infusion, if one is planned", v["nextInfusion"], errors, "date"));
        html.Append("</fieldset>");

        // Surgeries
        html.Append("<fieldset><legend>Surgeries</legend><p class=\"hint\">Up to three operations, most recent first. Leave a row empty if it does not apply.</p>");
        for (var i = 0; i < IntakeForm.SurgeryRows; i++)
        {
            var p = $"surgery{i}";
            html.Append(CultureInfo.InvariantCulture, $"<fieldset id=\"{p}\"><legend>Surgery {i + 1}</legend>").Append(GroupError(p, errors));
            html.Append(Text($"{p}Procedure", "Operation", v[$"{p}Procedure"], errors, hint: "For example: lumpectomy, mastectomy."));
            html.Append("<div class=\"row\"><div>").Append(Text($"{p}Date", "Date", v[$"{p}Date"], errors, "date")).Append("</div>");
            html.Append("<div>").Append(Select($"{p}Region", "Body area", v[$"{p}Region"], Regions, errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}Side", "Side", v[$"{p}Side"], Sides, errors)).Append("</div></div>");
            html.Append(Check($"{p}Healed", "yes", "The scar has fully healed", v.IsChecked($"{p}Healed")));
            html.Append(Check($"{p}Open", "yes", "The wound is open or draining", v.IsChecked($"{p}Open")));
            html.Append(Check($"{p}Drain", "yes", "I still have a drain from this surgery", v.IsChecked($"{p}Drain")));
            html.Append("<div class=\"row\"><div>").Append(Select($"{p}Nodes", "Lymph nodes removed", v[$"{p}Nodes"],
                [("none", "None or don't know"), ("armpit", "From the armpit"), ("groin", "From the groin"), ("neck", "From the neck")], errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}NodesSide", "Which side", v[$"{p}NodesSide"], Sides, errors)).Append("</div>");
            html.Append("<div>").Append(Text($"{p}NodesCount", "How many (if you know)", v[$"{p}NodesCount"], errors, "number")).Append("</div></div>");
            html.Append(Check($"{p}NodesSentinel", "yes", "Only sentinel node(s) were removed", v.IsChecked($"{p}NodesSentinel")));
            html.Append(Check($"{p}NodesRadiated", "yes", "Those lymph nodes were also treated with radiation", v.IsChecked($"{p}NodesRadiated")));
            html.Append("<div class=\"row\"><div>").Append(Select($"{p}Reconstruction", "Reconstruction", v[$"{p}Reconstruction"],
                [("none", "None"), ("implant", "Implant"), ("expander", "Tissue expander"), ("flap", "Flap (tissue from another part of the body)")], errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}DonorRegion", "Flap taken from", v[$"{p}DonorRegion"], Regions, errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}DonorSide", "Side", v[$"{p}DonorSide"], Sides, errors)).Append("</div></div>");
            html.Append(Check($"{p}ProneAllowed", "yes", "My surgeon says I may lie face down", v.IsChecked($"{p}ProneAllowed")));
            html.Append(Text($"{p}Restrictions", "Anything your surgeon told you to avoid", v[$"{p}Restrictions"], errors));
            html.Append("</fieldset>");
        }

        html.Append("</fieldset>");

        // Radiation
        html.Append("<fieldset><legend>Radiation therapy</legend>");
        for (var i = 0; i < IntakeForm.RadiationRows; i++)
        {
            var p = $"radiation{i}";
            html.Append(CultureInfo.InvariantCulture, $"<fieldset id=\"{p}\"><legend>Area treated {i + 1}</legend>").Append(GroupError(p, errors));
            html.Append("<div class=\"row\"><div>").Append(Select($"{p}Region", "Body area", v[$"{p}Region"], Regions, errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}Side", "Side", v[$"{p}Side"], Sides, errors)).Append("</div></div>");
            html.Append("<div class=\"row\"><div>").Append(Text($"{p}Start", "Started", v[$"{p}Start"], errors, "date")).Append("</div>");
            html.Append("<div>").Append(Text($"{p}End", "Ended (blank if ongoing)", v[$"{p}End"], errors, "date")).Append("</div></div>");
            html.Append(Select($"{p}Skin", "The skin there now", v[$"{p}Skin"],
                [("none", "Looks normal"), ("redness", "Red"), ("dry", "Dry or flaking"), ("wet", "Wet or peeling"), ("blisters", "Blisters")], errors));
            html.Append(Check($"{p}Healed", "yes", "The skin has fully healed", v.IsChecked($"{p}Healed")));
            html.Append(Check($"{p}Fibrosis", "yes", "The area feels hard or tight", v.IsChecked($"{p}Fibrosis")));
            html.Append(Check($"{p}Cleared", "yes", "My radiation oncologist said massage directly on it is fine", v.IsChecked($"{p}Cleared")));
            html.Append("</fieldset>");
        }

        html.Append("</fieldset>");

        // Devices
        html.Append("<fieldset><legend>Medical devices you have now</legend>");
        foreach (var (_, name, label) in IntakeForm.Devices)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div id=\"{name}-group\">").Append(Check(name, "yes", label, v.IsChecked(name))).Append(GroupError(name, errors));
            html.Append("<div class=\"row\"><div>").Append(Select($"{name}Region", "Where", v[$"{name}Region"], Regions, errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{name}Side", "Side", v[$"{name}Side"], Sides, errors)).Append("</div>");
            html.Append("<div>").Append(Text($"{name}Placed", "Date placed", v[$"{name}Placed"], errors, "date")).Append("</div></div>");
            html.Append(Check($"{name}Signs", "yes", "Redness, swelling, pain or discharge there now", v.IsChecked($"{name}Signs")));
            html.Append("</div>");
        }

        html.Append("</fieldset>");

        // Labs
        html.Append("<fieldset><legend>Your latest blood tests</legend><p class=\"hint\">Copy the numbers from your most recent report, with the date the blood was drawn. Tick \"I don't know\" if you don't have them.</p>");
        foreach (var (name, label, hint) in new[]
        {
            ("platelets", "Platelets", "Per mm³, for example 150000 (a report showing 150 K/µL means 150000)."),
            ("anc", "Neutrophils (ANC)", "Per mm³, for example 1500."),
            ("wbc", "White blood cells (WBC)", "Per mm³, for example 4500."),
            ("haemoglobin", "Haemoglobin", "In g/dL, for example 11.5."),
        })
        {
            html.Append("<div class=\"row\"><div>").Append(Text($"{name}Value", label, v[$"{name}Value"], errors, hint: hint)).Append("</div>");
            html.Append("<div>").Append(Text($"{name}Date", "Date drawn", v[$"{name}Date"], errors, "date")).Append("</div></div>");
            html.Append(Check($"{name}Unknown", "yes", "I don't know", v.IsChecked($"{name}Unknown")));
        }

        html.Append("</fieldset>");

        // Clots, bone, brain
        html.Append("<fieldset><legend>Blood clots and blood thinners</legend>");
        for (var i = 0; i < IntakeForm.ClotRows; i++)
        {
            var p = $"clot{i}";
            html.Append(CultureInfo.InvariantCulture, $"<div id=\"{p}\"><p><strong>Blood clot {i + 1}</strong></p>").Append(GroupError(p, errors));
            html.Append("<div class=\"row\"><div>").Append(Select($"{p}Region", "Where", v[$"{p}Region"], Regions, errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}Side", "Side", v[$"{p}Side"], Sides, errors)).Append("</div>");
            html.Append("<div>").Append(Text($"{p}Date", "When", v[$"{p}Date"], errors, "date")).Append("</div>");
            html.Append("<div>").Append(Text($"{p}TreatmentEnded", "Treatment ended", v[$"{p}TreatmentEnded"], errors, "date")).Append("</div></div>");
            html.Append(Check($"{p}CalfSigns", "yes", "Pain, swelling, warmth or redness in a calf right now", v.IsChecked($"{p}CalfSigns")));
            html.Append("</div>");
        }

        html.Append(Text("bloodThinners", "Blood thinners you take", v["bloodThinners"], errors, hint: "For example: apixaban, warfarin, heparin injections. Separate with commas."));
        html.Append("</fieldset><fieldset><legend>Bones and brain</legend>");
        for (var i = 0; i < IntakeForm.BoneRows; i++)
        {
            html.Append("<div class=\"row\"><div>").Append(Select($"bone{i}Region", $"Cancer in the bone, area {i + 1}", v[$"bone{i}Region"], Regions, errors)).Append("</div>");
            html.Append("<div>").Append(Select($"bone{i}Side", "Side", v[$"bone{i}Side"], Sides, errors)).Append("</div></div>");
        }

        html.Append(Check("osteoporosis", "yes", "I have osteoporosis (thin bones)", v.IsChecked("osteoporosis")));
        html.Append(Check("highFractureRisk", "yes", "A doctor said I am at high risk of fracture", v.IsChecked("highFractureRisk")));
        html.Append(Check("boneNightPain", "yes", "I have new bone pain, or bone pain at night", v.IsChecked("boneNightPain")));
        html.Append(Check("brainMets", "yes", "The cancer has spread to my brain", v.IsChecked("brainMets")));
        html.Append(Check("seizures", "yes", "I have had seizures", v.IsChecked("seizures")));
        html.Append(Text("anticonvulsants", "Seizure medicines you take", v["anticonvulsants"], errors));
        html.Append("</fieldset>");

        // Nerves, lymphedema, skin
        html.Append("<fieldset><legend>Numbness or tingling (neuropathy)</legend>");
        html.Append("<div class=\"row\"><div>").Append(Select("neuropathyHands", "In my hands", v["neuropathyHands"], [("", "No"), ("left", "Left"), ("right", "Right"), ("both", "Both")], errors)).Append("</div>");
        html.Append("<div>").Append(Select("neuropathyFeet", "In my feet", v["neuropathyFeet"], [("", "No"), ("left", "Left"), ("right", "Right"), ("both", "Both")], errors)).Append("</div></div>");
        html.Append(Check("neuropathyNumb", "yes", "It feels numb", v.IsChecked("neuropathyNumb")));
        html.Append(Check("neuropathyPain", "yes", "It hurts or burns", v.IsChecked("neuropathyPain")));
        html.Append("</fieldset><fieldset><legend>Lymphedema (swelling of an arm or leg)</legend>");
        for (var i = 0; i < IntakeForm.LymphedemaRows; i++)
        {
            var p = $"lymph{i}";
            html.Append(CultureInfo.InvariantCulture, $"<div id=\"{p}\">").Append(GroupError(p, errors));
            html.Append("<div class=\"row\"><div>").Append(Select($"{p}Status", "Swelling", v[$"{p}Status"],
                [("", "—"), ("present", "I have lymphedema"), ("risk", "I am at risk (lymph nodes removed or radiated)")], errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}Limb", "Limb", v[$"{p}Limb"], [("", "—"), ("arm", "Arm"), ("leg", "Leg")], errors)).Append("</div>");
            html.Append("<div>").Append(Select($"{p}Side", "Side", v[$"{p}Side"], Sides, errors)).Append("</div>");
            html.Append("<div>").Append(Text($"{p}Stage", "Stage 0–3 (if known)", v[$"{p}Stage"], errors, "number")).Append("</div></div>");
            html.Append(Text($"{p}Therapy", "Lymphedema therapy you have", v[$"{p}Therapy"], errors));
            html.Append(Check($"{p}Garment", "yes", "I wear a compression garment", v.IsChecked($"{p}Garment")));
            html.Append(Check($"{p}Therapist", "yes", "A certified lymphedema therapist guides my care", v.IsChecked($"{p}Therapist")));
            html.Append(Check($"{p}Sudden", "yes", "The swelling increased suddenly, or the limb is red or warm", v.IsChecked($"{p}Sudden")));
            html.Append("</div>");
        }

        html.Append("</fieldset><fieldset><legend>Skin changes from treatment</legend>");
        html.Append(Check("skinRash", "yes", "Rash", v.IsChecked("skinRash")));
        html.Append(Check("skinDry", "yes", "Very dry skin", v.IsChecked("skinDry")));
        html.Append(Check("skinNails", "yes", "Nail changes", v.IsChecked("skinNails")));
        html.Append(Check("skinBlisters", "yes", "Blisters", v.IsChecked("skinBlisters")));
        html.Append(Check("skinOpen", "yes", "Broken or open skin", v.IsChecked("skinOpen")));
        html.Append(Check("skinInfected", "yes", "Skin that looks infected", v.IsChecked("skinInfected")));
        html.Append("<div class=\"row\"><div>").Append(Select("skinRegion", "Where", v["skinRegion"], Regions, errors)).Append("</div>");
        html.Append("<div>").Append(Select("skinSide", "Side", v["skinSide"], Sides, errors)).Append("</div></div>");
        html.Append("</fieldset>");

        // Symptoms and comfort
        html.Append("<fieldset><legend>How you feel now (0 = none, 10 = worst)</legend><div class=\"row\">");
        foreach (var (name, label) in new[] { ("pain", "Pain"), ("fatigue", "Tiredness"), ("nausea", "Nausea"), ("anxiety", "Worry or anxiety") })
        {
            html.Append("<div>").Append(Rating(name, label, v[name], errors)).Append("</div>");
        }

        html.Append("</div></fieldset><fieldset><legend>Medicines and comfort</legend>");
        html.Append(Area("medications", "Medicines you take, one per line", v["medications"], errors));
        html.Append(Check("steroids", "yes", "I take steroids (for example dexamethasone, prednisone)", v.IsChecked("steroids")));
        html.Append(Check("weightLoss", "yes", "I have lost a lot of weight because of the illness", v.IsChecked("weightLoss")));
        html.Append(Check("scentSensitive", "yes", "Smells bother me or make me feel sick", v.IsChecked("scentSensitive")));
        html.Append(GroupError("positionHurts", errors)).Append("<p id=\"positionHurts\">Positions that hurt or that you cannot lie in:</p>");
        foreach (var position in Enum.GetValues<Position>())
        {
            var name = position.ToString();
            html.Append(Check("positionHurts", name, PositionWords(position), v.All("positionHurts").Contains(name), $"positionHurts-{name}"));
        }

        html.Append("</fieldset>");

        // Today
        html.Append("<fieldset><legend>Today</legend>");
        html.Append(Text("temperature", "Your temperature today, if you took it", v["temperature"], errors, hint: "In °C or °F, for example 37.2 or 99.0."));
        html.Append(Check("infection", "yes", "I have an infection now", v.IsChecked("infection")));
        html.Append(Check("antibiotics", "yes", "I am taking antibiotics", v.IsChecked("antibiotics")));
        html.Append(Check("vomiting", "yes", "I am vomiting", v.IsChecked("vomiting")));
        html.Append(Check("noFluids", "yes", "I cannot keep fluids down", v.IsChecked("noFluids")));
        html.Append(Check("fainting", "yes", "I have fainted or nearly fainted recently", v.IsChecked("fainting")));
        html.Append(Check("chestPain", "yes", "I have chest pain", v.IsChecked("chestPain")));
        html.Append(Check("breathless", "yes", "I get out of breath easily", v.IsChecked("breathless")));
        html.Append(Check("rapidWeightLoss", "yes", "I am losing weight quickly right now", v.IsChecked("rapidWeightLoss")));
        html.Append("</fieldset>");

        // Goals and care team
        html.Append("<fieldset><legend>Your goals and your care team</legend>");
        html.Append(Area("goals", "What would you like from these sessions?", v["goals"], errors, hint: "For example: sleep better, less pain in my shoulder, relax before infusions."));
        html.Append(Text("careTeamName", "A contact in your care team (name)", v["careTeamName"], errors, hint: "Your oncology nurse or doctor."));
        html.Append(Text("careTeamPhone", "Their phone", v["careTeamPhone"], errors, "tel"));
        html.Append(Text("careTeamEmail", "Their email", v["careTeamEmail"], errors, "email"));
        html.Append(Check("careTeamPermission", "yes", "You may contact my care team about my sessions", v.IsChecked("careTeamPermission")));
        html.Append("</fieldset>");

        html.Append("<button type=\"submit\">Send my answers</button></form>");
        html.Append("<p class=\"muted\">This link works once and expires. If you feel very unwell, call your oncology team's triage line; this form is not read at once.</p>");
        return Page("Intake", html.ToString());
    }

    private static string PositionWords(Position position) => position switch
    {
        Position.Prone => "Lying face down",
        Position.Supine => "Lying on my back",
        Position.SideLyingLeft => "Lying on my left side",
        Position.SideLyingRight => "Lying on my right side",
        _ => "Sitting",
    };
}
