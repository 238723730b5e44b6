using System.Globalization;
using Microsoft.AspNetCore.Http;
using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>
/// The client's intake form as posted (application/x-www-form-urlencoded): every value by field name, so the page can be
/// shown again exactly as typed. <see cref="Validate"/> reads it into the domain <see cref="Intake"/> (fields a client
/// leaves blank stay unknown, never zero) and checks it with <see cref="IntakeValidator"/>; errors are keyed by the
/// field or row they belong to. Repeated groups have a fixed number of rows.
/// </summary>
public sealed class IntakeForm
{
    public const int SurgeryRows = 3;
    public const int RadiationRows = 2;
    public const int ClotRows = 2;
    public const int BoneRows = 3;
    public const int LymphedemaRows = 2;
    public const int MaxTextLength = 2000;

    /// <summary>Devices the form asks about, each with its own row (the wire value is the field prefix).</summary>
    public static IReadOnlyList<(DeviceType Type, string Name, string Label)> Devices { get; } =
    [
        (DeviceType.Port, "port", "Port (implanted under the skin)"),
        (DeviceType.Picc, "picc", "PICC line (in the arm)"),
        (DeviceType.CentralLine, "centralLine", "Other central line"),
        (DeviceType.Drain, "drain", "Surgical drain"),
        (DeviceType.Ostomy, "ostomy", "Ostomy (stoma and pouch)"),
        (DeviceType.FeedingTube, "feedingTube", "Feeding tube"),
    ];

    /// <summary>Treatments the form asks about (the wire value is the field prefix).</summary>
    public static IReadOnlyList<(TreatmentType Type, string Name, string Label)> Treatments { get; } =
    [
        (TreatmentType.Chemotherapy, "chemo", "Chemotherapy"),
        (TreatmentType.Radiation, "radiotherapy", "Radiation therapy"),
        (TreatmentType.Surgery, "surgeryTreatment", "Surgery"),
        (TreatmentType.Hormonal, "hormonal", "Hormone therapy"),
        (TreatmentType.Immunotherapy, "immunotherapy", "Immunotherapy"),
        (TreatmentType.Targeted, "targeted", "Targeted therapy"),
        (TreatmentType.TransplantOrCarT, "transplant", "Stem cell transplant or CAR-T"),
    ];

    private readonly Dictionary<string, string> values;
    private readonly Dictionary<string, string[]> lists;

    private IntakeForm(Dictionary<string, string> values, Dictionary<string, string[]> lists)
    {
        this.values = values;
        this.lists = lists;
    }

    public static IntakeForm Empty { get; } = new([], []);

    public static IntakeForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            var items = value.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
            if (items.Length > 0)
            {
                values[name] = items[0];
                lists[name] = items;
            }
        }

        return new IntakeForm(values, lists);
    }

    /// <summary>The value typed or chosen, trimmed; null when blank.</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    public bool IsChecked(string name) => values.ContainsKey(name);

    public IReadOnlyList<string> All(string name) => lists.GetValueOrDefault(name) ?? [];

    /// <summary>Reads and validates the form; the intake, or the errors keyed by field (or row) name.</summary>
    public (Intake? Intake, IReadOnlyDictionary<string, string[]> Errors) Validate(DateOnly today)
    {
        var reader = new Reader(this);
        var intake = reader.Build(today);
        if (reader.Errors.Count > 0)
        {
            return (null, reader.Errors);
        }

        var result = new IntakeValidator().Validate(intake);
        if (!result.IsValid)
        {
            foreach (var failure in result.Errors)
            {
                var field = reader.FieldOf(failure.PropertyName);
                reader.Errors[field] = [.. reader.Errors.GetValueOrDefault(field) ?? [], failure.ErrorMessage];
            }

            return (null, reader.Errors);
        }

        return (intake, reader.Errors);
    }

    /// <summary>One pass over the form: builds the intake and remembers which form row each list item came from.</summary>
    private sealed class Reader(IntakeForm form)
    {
        private readonly Dictionary<string, List<string>> rows = new(StringComparer.Ordinal);

        public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

        public Intake Build(DateOnly today)
        {
            var cancerType = Text("cancerType");
            if (cancerType is null)
            {
                Error("cancerType", "Tell us the type of cancer (for example \"breast cancer\").");
            }

            return new Intake
            {
                CompletedOn = today,
                CancerType = cancerType ?? "",
                DiagnosisDate = Date("diagnosisDate"),
                MetastasisSites = Words("metastasisSites"),
                Treatments = ReadTreatments(),
                NextInfusion = Date("nextInfusion"),
                Surgeries = ReadSurgeries(),
                Radiation = ReadRadiation(),
                Devices = ReadDevices(),
                Labs = new LabResults(Lab("platelets"), Lab("anc"), Lab("wbc"), Lab("haemoglobin")),
                Clots = ReadClots(),
                Anticoagulants = Words("bloodThinners"),
                Bone = new BoneInvolvement
                {
                    LesionSites = Range(BoneRows).Select(i => Site($"bone{i}Region", $"bone{i}Side", $"bone{i}Region")).OfType<BodySite>().ToArray(),
                    Osteoporosis = form.IsChecked("osteoporosis"),
                    HighFractureRisk = form.IsChecked("highFractureRisk"),
                    NewOrNightPain = form.IsChecked("boneNightPain"),
                },
                BrainMetastases = form.IsChecked("brainMets"),
                Seizures = form.IsChecked("seizures"),
                Anticonvulsants = Words("anticonvulsants"),
                Neuropathy = ReadNeuropathy(),
                Lymphedema = ReadLymphedema(),
                Skin = new SkinChanges
                {
                    Site = Site("skinRegion", "skinSide", "skinRegion"),
                    Rash = form.IsChecked("skinRash"),
                    Dryness = form.IsChecked("skinDry"),
                    NailChanges = form.IsChecked("skinNails"),
                    Blisters = form.IsChecked("skinBlisters"),
                    OpenSkin = form.IsChecked("skinOpen"),
                    Infected = form.IsChecked("skinInfected"),
                },
                Symptoms = new IntakeSymptoms(Score("pain"), Score("fatigue"), Score("nausea"), Score("anxiety")),
                Medications = Lines("medications"),
                OnSteroids = form.IsChecked("steroids"),
                Cachexia = form.IsChecked("weightLoss"),
                ScentSensitive = form.IsChecked("scentSensitive"),
                PositionsThatHurt = ReadPositions(),
                Goals = Text("goals"),
                Today = new TodayStatus
                {
                    TemperatureCelsius = Temperature(),
                    ActiveInfection = form.IsChecked("infection"),
                    OnAntibiotics = form.IsChecked("antibiotics"),
                    Vomiting = form.IsChecked("vomiting"),
                    CannotKeepFluidsDown = form.IsChecked("noFluids"),
                    Fainting = form.IsChecked("fainting"),
                    ChestPain = form.IsChecked("chestPain"),
                    Breathless = form.IsChecked("breathless"),
                    RapidWeightLoss = form.IsChecked("rapidWeightLoss"),
                },
                CareTeam = Text("careTeamName") is { } careName
                    ? new CareTeamContact(careName, Text("careTeamPhone"), Text("careTeamEmail"))
                    : null,
                PermissionToContactCareTeam = form.IsChecked("careTeamPermission"),
            };
        }

        /// <summary>The form field for a validator property path such as "Surgeries[1]" or "Labs.Platelets".</summary>
        public string FieldOf(string propertyPath)
        {
            var head = propertyPath.Split('.')[0];
            var open = head.IndexOf('[', StringComparison.Ordinal);
            if (open > 0 && int.TryParse(head[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && rows.TryGetValue(head[..open], out var list) && index < list.Count)
            {
                return list[index];
            }

            return propertyPath switch
            {
                "CancerType" => "cancerType",
                "DiagnosisDate" => "diagnosisDate",
                "Labs.Platelets" => "plateletsValue",
                "Labs.Anc" => "ancValue",
                "Labs.Wbc" => "wbcValue",
                "Labs.Haemoglobin" => "haemoglobinValue",
                "Symptoms.Pain" => "pain",
                "Symptoms.Fatigue" => "fatigue",
                "Symptoms.Nausea" => "nausea",
                "Symptoms.Anxiety" => "anxiety",
                "Today.TemperatureCelsius" => "temperature",
                "CareTeam" => "careTeamName",
                "CareTeam.Email" => "careTeamEmail",
                "Bone" => "bone0Region",
                "Neuropathy" => "neuropathyHands",
                _ => "form",
            };
        }

        private List<TreatmentCourse> ReadTreatments()
        {
            var list = new List<TreatmentCourse>();
            foreach (var (type, name, _) in Treatments)
            {
                var start = Date($"{name}Start");
                var end = Date($"{name}End");
                var last = type == TreatmentType.Chemotherapy ? Date("chemoLastDose") : null;
                if (form.IsChecked(name) || start is not null || end is not null || last is not null)
                {
                    Row("Treatments", name);
                    list.Add(new TreatmentCourse(type, start, end, last));
                }
            }

            return list;
        }

        private List<SurgeryRecord> ReadSurgeries()
        {
            var list = new List<SurgeryRecord>();
            foreach (var i in Range(SurgeryRows))
            {
                var p = $"surgery{i}";
                var procedure = Text($"{p}Procedure");
                var date = Date($"{p}Date");
                var site = Site($"{p}Region", $"{p}Side", p);
                var nodes = ReadNodes(p);
                var reconstruction = ReadReconstruction(p, site);
                var any = procedure is not null || form[$"{p}Date"] is not null || site is not null || nodes is not null || reconstruction is not null
                    || form.IsChecked($"{p}Drain");
                if (!any)
                {
                    continue;
                }

                if (procedure is null || date is null)
                {
                    Error(p, $"Surgery {i + 1}: give the operation and its date.");
                    continue;
                }

                Row("Surgeries", p);
                list.Add(new SurgeryRecord(procedure, date.Value, site)
                {
                    Healed = form.IsChecked($"{p}Healed"),
                    OpenOrDraining = form.IsChecked($"{p}Open"),
                    HasDrain = form.IsChecked($"{p}Drain"),
                    Nodes = nodes,
                    Reconstruction = reconstruction,
                    SurgeonRestrictions = Text($"{p}Restrictions"),
                });
            }

            return list;
        }

        private NodeTreatment? ReadNodes(string p)
        {
            var where = form[$"{p}Nodes"];
            if (where is null or "none")
            {
                return null;
            }

            var region = where switch
            {
                "armpit" => BodyRegion.UpperQuadrant,
                "groin" => BodyRegion.LowerQuadrant,
                "neck" => BodyRegion.HeadNeck,
                _ => (BodyRegion?)null,
            };
            if (region is null)
            {
                Error(p, "Lymph nodes: choose armpit, groin or neck.");
                return null;
            }

            return new NodeTreatment(new BodySite(region.Value, Side($"{p}NodesSide", p)), Int($"{p}NodesCount", p, 0, 80),
                form.IsChecked($"{p}NodesSentinel"), form.IsChecked($"{p}NodesRadiated"));
        }

        private ReconstructionRecord? ReadReconstruction(string p, BodySite? surgerySite)
        {
            var type = form[$"{p}Reconstruction"] switch
            {
                null or "none" => (ReconstructionType?)null,
                "implant" => ReconstructionType.Implant,
                "expander" => ReconstructionType.Expander,
                "flap" => ReconstructionType.Flap,
                _ => null,
            };
            if (type is null)
            {
                return null;
            }

            if (surgerySite is null)
            {
                Error(p, "Reconstruction: give the body area of this surgery.");
                return null;
            }

            return new ReconstructionRecord(type.Value, surgerySite, Date($"{p}Date"), Site($"{p}DonorRegion", $"{p}DonorSide", p),
                form.IsChecked($"{p}ProneAllowed"));
        }

        private List<RadiationCourse> ReadRadiation()
        {
            var list = new List<RadiationCourse>();
            foreach (var i in Range(RadiationRows))
            {
                var p = $"radiation{i}";
                var field = Site($"{p}Region", $"{p}Side", p);
                var start = Date($"{p}Start");
                var end = Date($"{p}End");
                if (field is null)
                {
                    if (start is not null || end is not null || form[$"{p}Skin"] is not (null or "none"))
                    {
                        Error(p, $"Radiation {i + 1}: choose the area that was treated.");
                    }

                    continue;
                }

                Row("Radiation", p);
                list.Add(new RadiationCourse(field, start, end, form[$"{p}Skin"] switch
                {
                    "redness" => SkinReaction.Redness,
                    "dry" => SkinReaction.DryPeeling,
                    "wet" => SkinReaction.WetPeeling,
                    "blisters" => SkinReaction.Blisters,
                    _ => SkinReaction.None,
                })
                {
                    Healed = form.IsChecked($"{p}Healed"),
                    Fibrosis = form.IsChecked($"{p}Fibrosis"),
                    ClearedForDirectWork = form.IsChecked($"{p}Cleared"),
                });
            }

            return list;
        }

        private List<MedicalDevice> ReadDevices()
        {
            var list = new List<MedicalDevice>();
            foreach (var (type, name, _) in Devices)
            {
                if (!form.IsChecked(name))
                {
                    continue;
                }

                Row("Devices", name);
                list.Add(new MedicalDevice(type, Site($"{name}Region", $"{name}Side", name), Date($"{name}Placed"),
                    form.IsChecked($"{name}Signs") ? FindingSigns.Redness | FindingSigns.Swelling | FindingSigns.Pain | FindingSigns.Discharge : FindingSigns.None));
            }

            return list;
        }

        private List<ClotRecord> ReadClots()
        {
            var list = new List<ClotRecord>();
            foreach (var i in Range(ClotRows))
            {
                var p = $"clot{i}";
                var site = Site($"{p}Region", $"{p}Side", p);
                var date = Date($"{p}Date");
                if (site is null && date is null)
                {
                    continue;
                }

                if (site is null || date is null)
                {
                    Error(p, $"Blood clot {i + 1}: give where it was and when.");
                    continue;
                }

                Row("Clots", p);
                list.Add(new ClotRecord(site, date.Value, Date($"{p}TreatmentEnded"), form.IsChecked($"{p}CalfSigns")));
            }

            return list;
        }

        private NeuropathyRecord? ReadNeuropathy()
        {
            var sites = new List<BodySite>();
            if (form["neuropathyHands"] is not null)
            {
                sites.Add(new BodySite(BodyRegion.Hand, Side("neuropathyHands", "neuropathyHands")));
            }

            if (form["neuropathyFeet"] is not null)
            {
                sites.Add(new BodySite(BodyRegion.Foot, Side("neuropathyFeet", "neuropathyFeet")));
            }

            var numb = form.IsChecked("neuropathyNumb");
            var pain = form.IsChecked("neuropathyPain");
            return sites.Count > 0 || numb || pain ? new NeuropathyRecord(sites, numb, pain) : null;
        }

        private List<LymphedemaRecord> ReadLymphedema()
        {
            var list = new List<LymphedemaRecord>();
            foreach (var i in Range(LymphedemaRows))
            {
                var p = $"lymph{i}";
                var status = form[$"{p}Status"] switch
                {
                    "present" => LymphedemaStatus.Present,
                    "risk" => LymphedemaStatus.AtRisk,
                    _ => (LymphedemaStatus?)null,
                };
                var limb = form[$"{p}Limb"];
                if (status is null && limb is null)
                {
                    continue;
                }

                if (status is null || limb is not ("arm" or "leg"))
                {
                    Error(p, $"Lymphedema {i + 1}: choose arm or leg, and whether swelling is there now or you are at risk.");
                    continue;
                }

                // Present: the swollen limb. At risk: the whole quadrant the removed nodes drained, front and back.
                var region = (limb, status) switch
                {
                    ("arm", LymphedemaStatus.Present) => BodyRegion.Arm,
                    ("arm", _) => BodyRegion.UpperQuadrant,
                    (_, LymphedemaStatus.Present) => BodyRegion.Leg,
                    _ => BodyRegion.LowerQuadrant,
                };
                Row("Lymphedema", p);
                list.Add(new LymphedemaRecord(new BodySite(region, Side($"{p}Side", p)), status.Value)
                {
                    Stage = Int($"{p}Stage", p, 0, 3),
                    Therapy = Text($"{p}Therapy"),
                    Garment = form.IsChecked($"{p}Garment"),
                    SuddenIncreaseRednessOrWarmth = form.IsChecked($"{p}Sudden"),
                    CertifiedTherapistDirects = form.IsChecked($"{p}Therapist"),
                });
            }

            return list;
        }

        private List<Position> ReadPositions()
        {
            var list = new List<Position>();
            foreach (var text in form.All("positionHurts"))
            {
                if (Enum.TryParse<Position>(text, ignoreCase: false, out var position) && Enum.IsDefined(position))
                {
                    list.Add(position);
                }
                else
                {
                    Error("positionHurts", "Choose positions from the list.");
                }
            }

            return list;
        }

        private LabValue? Lab(string name)
        {
            var value = form[$"{name}Value"];
            var date = Date($"{name}Date");
            if (value is null || form.IsChecked($"{name}Unknown"))
            {
                return null; // "don't know" is an answer: the value stays unknown
            }

            if (!double.TryParse(value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                Error($"{name}Value", "Write the number as on your lab report, or tick \"I don't know\".");
                return null;
            }

            if (date is null)
            {
                Error($"{name}Date", "Give the date the blood was drawn.");
                return null;
            }

            return new LabValue(number, date.Value);
        }

        private double? Temperature()
        {
            var text = form["temperature"];
            if (text is null)
            {
                return null;
            }

            if (!double.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t))
            {
                Error("temperature", "Write your temperature as a number, for example 37.2 (°C) or 99.0 (°F).");
                return null;
            }

            return t >= 80 ? Math.Round((t - 32) * 5 / 9, 1) : t; // a reading of 80 or more is Fahrenheit
        }

        private int? Score(string name)
        {
            var text = form[name];
            if (text is null)
            {
                return null; // not answered: never 0
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 10)
            {
                return score;
            }

            Error(name, "Choose a number from 0 (none) to 10 (worst), or leave it blank.");
            return null;
        }

        private int? Int(string name, string errorKey, int min, int max)
        {
            var text = form[name];
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Error(errorKey, $"Give a whole number from {min} to {max}.");
            return null;
        }

        private BodySite? Site(string regionField, string sideField, string errorKey)
        {
            var text = form[regionField];
            if (text is null)
            {
                return null;
            }

            if (!BodyRegions.TryParse(text, out var region) || region == BodyRegion.WholeBody)
            {
                Error(errorKey, "Choose a body area from the list.");
                return null;
            }

            return new BodySite(region.Value, Side(sideField, errorKey));
        }

        private BodySide Side(string field, string errorKey) => form[field] switch
        {
            null => BodySide.Unspecified,
            "left" => BodySide.Left,
            "right" => BodySide.Right,
            "both" => BodySide.Both,
            _ => Fail(errorKey, "Choose left, right or both."),
        };

        private BodySide Fail(string field, string message)
        {
            Error(field, message);
            return BodySide.Unspecified;
        }

        private DateOnly? Date(string name)
        {
            var text = form[name];
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(name, "Give the date as year-month-day, for example 2026-06-02.");
            return null;
        }

        private string? Text(string name)
        {
            var text = form[name];
            if (text?.Length > MaxTextLength)
            {
                Error(name, $"Please keep this to {MaxTextLength} characters.");
                return null;
            }

            return text;
        }

        private string[] Words(string name) =>
            (Text(name) ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private string[] Lines(string name) =>
            (Text(name) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private void Row(string list, string field)
        {
            if (!rows.TryGetValue(list, out var fields))
            {
                rows[list] = fields = [];
            }

            fields.Add(field);
        }

        private void Error(string field, string message)
        {
            var messages = Errors.GetValueOrDefault(field) ?? [];
            if (!messages.Contains(message, StringComparer.Ordinal))
            {
                Errors[field] = [.. messages, message];
            }
        }

        private static IEnumerable<int> Range(int count) => Enumerable.Range(0, count);
    }
}
