using System.Globalization;
using System.Text.RegularExpressions;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Forms;
using S = OncologyMassage.Pages.Intake.IntakeStrings;

namespace OncologyMassage.Pages.Intake;

/// <summary>
/// The client's intake form as posted: each property is a field named by its <see cref="FieldPath"/> and bound by
/// <see cref="FormBinder"/>, named as the domain <see cref="Domain.Clinical.Intake"/> names the same answer.
/// <see cref="Validate"/> reads it into the intake (a blank answer stays unknown, never zero) and checks it with
/// <see cref="IntakeValidator"/>; the validator's property paths become field paths by
/// <see cref="FieldPath.FromPropertyPath"/>, each list item pointing at the form row it was built from.
/// </summary>
public sealed partial class IntakeFormModel
{
    public const int SurgeryRows = 3;
    public const int RadiationRows = 2;
    public const int ClotRows = 2;
    public const int BoneRows = 3;
    public const int LymphedemaRows = 2;
    public const int MaxTextLength = 2000;

    public string? CancerType { get; init; }

    public string? DiagnosisDate { get; init; }

    public string? MetastasisSites { get; init; }

    public TreatmentRows Treatments { get; init; } = new();

    public string? NextInfusion { get; init; }

    public IReadOnlyList<SurgeryRow> Surgeries { get; init; } = [];

    public IReadOnlyList<RadiationRow> Radiation { get; init; } = [];

    public DeviceRows Devices { get; init; } = new();

    public LabRows Labs { get; init; } = new();

    public IReadOnlyList<ClotRow> Clots { get; init; } = [];

    /// <summary>Blood thinners, separated by commas.</summary>
    public string? Anticoagulants { get; init; }

    public BoneAnswers Bone { get; init; } = new();

    public bool BrainMetastases { get; init; }

    public bool Seizures { get; init; }

    public string? Anticonvulsants { get; init; }

    public NeuropathyAnswers Neuropathy { get; init; } = new();

    public IReadOnlyList<LymphedemaRow> Lymphedema { get; init; } = [];

    public SkinAnswers Skin { get; init; } = new();

    public SymptomAnswers Symptoms { get; init; } = new();

    /// <summary>One medicine a line.</summary>
    public string? Medications { get; init; }

    public bool OnSteroids { get; init; }

    public bool Cachexia { get; init; }

    public bool ScentSensitive { get; init; }

    /// <summary>Position names (<see cref="Position"/>).</summary>
    public IReadOnlyList<string> PositionsThatHurt { get; init; } = [];

    public string? Goals { get; init; }

    public TodayAnswers Today { get; init; } = new();

    public CareTeamAnswers CareTeam { get; init; } = new();

    public bool PermissionToContactCareTeam { get; init; }

    /// <summary>Reads and validates the form; the intake, or null and the errors keyed by field path.</summary>
    public (Domain.Clinical.Intake? Intake, FormErrors Errors) Validate(DateOnly today)
    {
        var reader = new IntakeReader(this);
        var intake = reader.Build(today);
        if (reader.Errors.Count > 0)
        {
            return (null, reader.Errors);
        }

        var result = new IntakeValidator().Validate(intake);
        if (result.IsValid)
        {
            return (intake, reader.Errors);
        }

        foreach (var failure in result.Errors)
        {
            reader.Errors.Add(FieldPath.FromPropertyPath(failure.PropertyName, reader.RowOf), S.Rule(failure.ErrorCode, failure.CustomState, failure.ErrorMessage));
        }

        return (null, reader.Errors);
    }

    /// <summary>One pass over the form: builds the intake and remembers which form row each list item came from.</summary>
    private sealed partial class IntakeReader(IntakeFormModel form)
    {
        private readonly Dictionary<string, List<string>> rows = new(StringComparer.Ordinal);

        public FormErrors Errors { get; } = new();

        /// <summary>The form row a built list's item came from (<c>Surgeries</c>, 0 → <c>surgeries[2]</c>), for the validator's paths.</summary>
        public string? RowOf(string list, int index) => rows.TryGetValue(list, out var paths) && index < paths.Count ? paths[index] : null;

        public Domain.Clinical.Intake Build(DateOnly today)
        {
            var cancerType = Text(form.CancerType, Field(nameof(CancerType)));
            if (cancerType is null && !Errors.Has(Field(nameof(CancerType))))
            {
                Errors.Add(Field(nameof(CancerType)), S.ErrorCancerType);
            }

            var bone = Field(nameof(Bone));
            return new Domain.Clinical.Intake
            {
                CompletedOn = today,
                CancerType = cancerType ?? "",
                DiagnosisDate = Date(form.DiagnosisDate, Field(nameof(DiagnosisDate))),
                MetastasisSites = Words(form.MetastasisSites, Field(nameof(MetastasisSites))),
                Treatments = ReadTreatments(),
                NextInfusion = Date(form.NextInfusion, Field(nameof(NextInfusion))),
                Surgeries = ReadSurgeries(),
                Radiation = ReadRadiation(),
                Devices = ReadDevices(),
                Labs = ReadLabs(),
                Clots = ReadClots(),
                Anticoagulants = Words(form.Anticoagulants, Field(nameof(Anticoagulants))),
                Bone = new BoneInvolvement
                {
                    LesionSites = Enumerable.Range(0, BoneRows)
                        .Select(i => (Row: FieldPath.In(bone, nameof(BoneAnswers.LesionSites)) + $"[{i}]", Site: form.Bone.LesionSites.At(i)))
                        .Select(r => Site(r.Site.Region, r.Site.Side, r.Row, FieldPath.In(r.Row, nameof(SiteChoice.Region))))
                        .OfType<BodySite>().ToArray(),
                    Osteoporosis = form.Bone.Osteoporosis,
                    HighFractureRisk = form.Bone.HighFractureRisk,
                    NewOrNightPain = form.Bone.NewOrNightPain,
                },
                BrainMetastases = form.BrainMetastases,
                Seizures = form.Seizures,
                Anticonvulsants = Words(form.Anticonvulsants, Field(nameof(Anticonvulsants))),
                Neuropathy = ReadNeuropathy(),
                Lymphedema = ReadLymphedema(),
                Skin = new SkinChanges
                {
                    Site = Site(form.Skin.Region, form.Skin.Side, Field(nameof(Skin)), FieldPath.In(Field(nameof(Skin)), nameof(SkinAnswers.Region))),
                    Rash = form.Skin.Rash,
                    Dryness = form.Skin.Dryness,
                    NailChanges = form.Skin.NailChanges,
                    Blisters = form.Skin.Blisters,
                    OpenSkin = form.Skin.OpenSkin,
                    Infected = form.Skin.Infected,
                },
                Symptoms = new IntakeSymptoms(Score(nameof(SymptomAnswers.Pain), form.Symptoms.Pain), Score(nameof(SymptomAnswers.Fatigue), form.Symptoms.Fatigue),
                    Score(nameof(SymptomAnswers.Nausea), form.Symptoms.Nausea), Score(nameof(SymptomAnswers.Anxiety), form.Symptoms.Anxiety)),
                Medications = Lines(form.Medications, Field(nameof(Medications))),
                OnSteroids = form.OnSteroids,
                Cachexia = form.Cachexia,
                ScentSensitive = form.ScentSensitive,
                PositionsThatHurt = ReadPositions(),
                Goals = Text(form.Goals, Field(nameof(Goals))),
                Today = new TodayStatus
                {
                    TemperatureCelsius = Temperature(),
                    ActiveInfection = form.Today.ActiveInfection,
                    OnAntibiotics = form.Today.OnAntibiotics,
                    Vomiting = form.Today.Vomiting,
                    CannotKeepFluidsDown = form.Today.CannotKeepFluidsDown,
                    Fainting = form.Today.Fainting,
                    ChestPain = form.Today.ChestPain,
                    Breathless = form.Today.Breathless,
                    RapidWeightLoss = form.Today.RapidWeightLoss,
                },
                CareTeam = Text(form.CareTeam.Name, CareTeamField(nameof(CareTeamAnswers.Name))) is { } careName
                    ? new CareTeamContact(careName, Text(form.CareTeam.Phone, CareTeamField(nameof(CareTeamAnswers.Phone))),
                        Text(form.CareTeam.Email, CareTeamField(nameof(CareTeamAnswers.Email))))
                    : null,
                PermissionToContactCareTeam = form.PermissionToContactCareTeam,
            };
        }

        private static string Field(string property) => FieldPath.Of(property);

        private static string CareTeamField(string property) => FieldPath.In(Field(nameof(CareTeam)), property);

        private List<TreatmentCourse> ReadTreatments()
        {
            var list = new List<TreatmentCourse>();
            foreach (var (type, property, row) in form.Treatments.All())
            {
                var path = FieldPath.In(Field(nameof(Treatments)), property);
                var start = Date(row.Start, FieldPath.In(path, nameof(TreatmentRow.Start)));
                var end = Date(row.End, FieldPath.In(path, nameof(TreatmentRow.End)));
                var last = type == TreatmentType.Chemotherapy ? Date(row.LastDose, FieldPath.In(path, nameof(TreatmentRow.LastDose))) : null;
                if (row.Taken || start is not null || end is not null || last is not null)
                {
                    Row(nameof(Treatments), path);
                    list.Add(new TreatmentCourse(type, start, end, last));
                }
            }

            return list;
        }

        private List<SurgeryRecord> ReadSurgeries()
        {
            var list = new List<SurgeryRecord>();
            for (var i = 0; i < Math.Min(form.Surgeries.Count, SurgeryRows); i++)
            {
                var (s, p) = (form.Surgeries[i], FieldPath.Row(nameof(Surgeries), i));
                var procedure = Text(s.Procedure, FieldPath.In(p, nameof(SurgeryRow.Procedure)));
                var date = Date(s.Date, FieldPath.In(p, nameof(SurgeryRow.Date)));
                var site = Site(s.Region, s.Side, p, FieldPath.In(p, nameof(SurgeryRow.Region)));
                var nodes = ReadNodes(s, p);
                var reconstruction = ReadReconstruction(s, p, site);
                var any = procedure is not null || s.Date is not null || site is not null || nodes is not null || reconstruction is not null || s.HasDrain;
                if (!any)
                {
                    continue;
                }

                if (procedure is null || date is null)
                {
                    Errors.Add(p, S.ErrorSurgeryRow(i + 1));
                    continue;
                }

                Row(nameof(Surgeries), p);
                list.Add(new SurgeryRecord(procedure, date.Value, site)
                {
                    Healed = s.Healed,
                    OpenOrDraining = s.OpenOrDraining,
                    HasDrain = s.HasDrain,
                    Nodes = nodes,
                    Reconstruction = reconstruction,
                    SurgeonRestrictions = Text(s.SurgeonRestrictions, FieldPath.In(p, nameof(SurgeryRow.SurgeonRestrictions))),
                });
            }

            return list;
        }

        private NodeTreatment? ReadNodes(SurgeryRow s, string p)
        {
            if (s.Nodes is null or "none")
            {
                return null;
            }

            var region = s.Nodes switch
            {
                "armpit" => BodyRegion.UpperQuadrant,
                "groin" => BodyRegion.LowerQuadrant,
                "neck" => BodyRegion.HeadNeck,
                _ => (BodyRegion?)null,
            };
            if (region is null)
            {
                Errors.Add(p, S.ErrorNodes);
                return null;
            }

            return new NodeTreatment(new BodySite(region.Value, Side(s.NodesSide, p)), Int(s.NodesCount, p, 0, 80), s.NodesSentinelOnly, s.NodesRadiated);
        }

        private ReconstructionRecord? ReadReconstruction(SurgeryRow s, string p, BodySite? surgerySite)
        {
            var type = s.Reconstruction switch
            {
                "implant" => ReconstructionType.Implant,
                "expander" => ReconstructionType.Expander,
                "flap" => ReconstructionType.Flap,
                _ => (ReconstructionType?)null,
            };
            if (type is null)
            {
                return null;
            }

            if (surgerySite is null)
            {
                Errors.Add(p, S.ErrorReconstructionSite);
                return null;
            }

            return new ReconstructionRecord(type.Value, surgerySite, Date(s.Date, FieldPath.In(p, nameof(SurgeryRow.Date))),
                Site(s.DonorRegion, s.DonorSide, p, FieldPath.In(p, nameof(SurgeryRow.DonorRegion))), s.SurgeonAllowsProne);
        }

        private List<RadiationCourse> ReadRadiation()
        {
            var list = new List<RadiationCourse>();
            for (var i = 0; i < Math.Min(form.Radiation.Count, RadiationRows); i++)
            {
                var (r, p) = (form.Radiation[i], FieldPath.Row(nameof(Radiation), i));
                var field = Site(r.Region, r.Side, p, FieldPath.In(p, nameof(RadiationRow.Region)));
                var start = Date(r.Start, FieldPath.In(p, nameof(RadiationRow.Start)));
                var end = Date(r.End, FieldPath.In(p, nameof(RadiationRow.End)));
                if (field is null)
                {
                    if (start is not null || end is not null || r.Reaction is not (null or "none"))
                    {
                        Errors.Add(p, S.ErrorRadiationRow(i + 1));
                    }

                    continue;
                }

                Row(nameof(Radiation), p);
                list.Add(new RadiationCourse(field, start, end, r.Reaction switch
                {
                    "redness" => SkinReaction.Redness,
                    "dry" => SkinReaction.DryPeeling,
                    "wet" => SkinReaction.WetPeeling,
                    "blisters" => SkinReaction.Blisters,
                    _ => SkinReaction.None,
                })
                {
                    Healed = r.Healed,
                    Fibrosis = r.Fibrosis,
                    ClearedForDirectWork = r.ClearedForDirectWork,
                });
            }

            return list;
        }

        private List<MedicalDevice> ReadDevices()
        {
            var list = new List<MedicalDevice>();
            foreach (var (type, property, row) in form.Devices.All())
            {
                if (!row.Present)
                {
                    continue;
                }

                var p = FieldPath.In(Field(nameof(Devices)), property);
                Row(nameof(Devices), p);
                list.Add(new MedicalDevice(type, Site(row.Region, row.Side, p, FieldPath.In(p, nameof(DeviceRow.Region))),
                    Date(row.Placed, FieldPath.In(p, nameof(DeviceRow.Placed))),
                    row.SiteSigns ? FindingSigns.Redness | FindingSigns.Swelling | FindingSigns.Pain | FindingSigns.Discharge : FindingSigns.None));
            }

            return list;
        }

        private LabResults ReadLabs()
        {
            var values = form.Labs.All().ToDictionary(l => l.Property, l => Lab(FieldPath.In(Field(nameof(Labs)), l.Property), l.Row), StringComparer.Ordinal);
            return new LabResults(values[nameof(LabRows.Platelets)], values[nameof(LabRows.Anc)], values[nameof(LabRows.Wbc)], values[nameof(LabRows.Haemoglobin)]);
        }

        private LabValue? Lab(string p, LabRow row)
        {
            var drawn = Date(row.Drawn, FieldPath.In(p, nameof(LabRow.Drawn)));
            if (row.Value is null || row.Unknown)
            {
                return null; // "don't know" is an answer: the value stays unknown
            }

            if (!TryParseLabNumber(row.Value, out var number))
            {
                Errors.Add(FieldPath.In(p, nameof(LabRow.Value)), S.ErrorLabValue);
                return null;
            }

            if (drawn is null)
            {
                Errors.Add(FieldPath.In(p, nameof(LabRow.Drawn)), S.ErrorLabDrawn);
                return null;
            }

            return new LabValue(number, drawn.Value);
        }

        /// <summary>
        /// A lab value as people type it in either language: commas that group thousands ("150,000", "1,500.5") are
        /// dropped, and any other single comma is a decimal comma ("11,5" haemoglobin is 11.5, never 115). A value that fits
        /// neither reading is refused rather than guessed.
        /// </summary>
        private static bool TryParseLabNumber(string text, out double number)
        {
            var value = text.Trim();
            if (ThousandsGroups().IsMatch(value))
            {
                value = value.Replace(",", "", StringComparison.Ordinal);
            }
            else if (DecimalComma().IsMatch(value))
            {
                value = value.Replace(',', '.');
            }

            return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
        }

        [GeneratedRegex(@"^\d{1,3}(,\d{3})+(\.\d+)?$", RegexOptions.CultureInvariant)]
        private static partial Regex ThousandsGroups();

        [GeneratedRegex(@"^\d*,\d+$", RegexOptions.CultureInvariant)]
        private static partial Regex DecimalComma();

        private List<ClotRecord> ReadClots()
        {
            var list = new List<ClotRecord>();
            for (var i = 0; i < Math.Min(form.Clots.Count, ClotRows); i++)
            {
                var (c, p) = (form.Clots[i], FieldPath.Row(nameof(Clots), i));
                var site = Site(c.Region, c.Side, p, FieldPath.In(p, nameof(ClotRow.Region)));
                var date = Date(c.Date, FieldPath.In(p, nameof(ClotRow.Date)));
                if (site is null && date is null)
                {
                    continue;
                }

                if (site is null || date is null)
                {
                    Errors.Add(p, S.ErrorClotRow(i + 1));
                    continue;
                }

                Row(nameof(Clots), p);
                list.Add(new ClotRecord(site, date.Value, Date(c.TreatmentEnded, FieldPath.In(p, nameof(ClotRow.TreatmentEnded))), c.CalfPainSwellingOrWarmthNow));
            }

            return list;
        }

        private NeuropathyRecord? ReadNeuropathy()
        {
            var p = Field(nameof(Neuropathy));
            var sites = new List<BodySite>();
            if (form.Neuropathy.Hands is not null)
            {
                sites.Add(new BodySite(BodyRegion.Hand, Side(form.Neuropathy.Hands, FieldPath.In(p, nameof(NeuropathyAnswers.Hands)))));
            }

            if (form.Neuropathy.Feet is not null)
            {
                sites.Add(new BodySite(BodyRegion.Foot, Side(form.Neuropathy.Feet, FieldPath.In(p, nameof(NeuropathyAnswers.Feet)))));
            }

            var (numb, pain) = (form.Neuropathy.Numbness, form.Neuropathy.Pain);
            return sites.Count > 0 || numb || pain ? new NeuropathyRecord(sites, numb, pain) : null;
        }

        private List<LymphedemaRecord> ReadLymphedema()
        {
            var list = new List<LymphedemaRecord>();
            for (var i = 0; i < Math.Min(form.Lymphedema.Count, LymphedemaRows); i++)
            {
                var (l, p) = (form.Lymphedema[i], FieldPath.Row(nameof(Lymphedema), i));
                var status = l.Status switch
                {
                    "present" => LymphedemaStatus.Present,
                    "risk" => LymphedemaStatus.AtRisk,
                    _ => (LymphedemaStatus?)null,
                };
                if (status is null && l.Limb is null)
                {
                    continue;
                }

                if (status is null || l.Limb is not ("arm" or "leg"))
                {
                    Errors.Add(p, S.ErrorLymphedemaRow(i + 1));
                    continue;
                }

                // Present: the swollen limb. At risk: the whole quadrant the removed nodes drained, front and back.
                var region = (l.Limb, status) switch
                {
                    ("arm", LymphedemaStatus.Present) => BodyRegion.Arm,
                    ("arm", _) => BodyRegion.UpperQuadrant,
                    (_, LymphedemaStatus.Present) => BodyRegion.Leg,
                    _ => BodyRegion.LowerQuadrant,
                };
                Row(nameof(Lymphedema), p);
                list.Add(new LymphedemaRecord(new BodySite(region, Side(l.Side, p)), status.Value)
                {
                    Stage = Int(l.Stage, p, 0, 3),
                    Therapy = Text(l.Therapy, FieldPath.In(p, nameof(LymphedemaRow.Therapy))),
                    Garment = l.Garment,
                    SuddenIncreaseRednessOrWarmth = l.SuddenIncreaseRednessOrWarmth,
                    CertifiedTherapistDirects = l.CertifiedTherapistDirects,
                });
            }

            return list;
        }

        private List<Position> ReadPositions()
        {
            var list = new List<Position>();
            foreach (var text in form.PositionsThatHurt)
            {
                if (Enum.TryParse<Position>(text, ignoreCase: false, out var position) && Enum.IsDefined(position))
                {
                    list.Add(position);
                }
                else
                {
                    Errors.Add(Field(nameof(PositionsThatHurt)), S.ErrorPosition);
                }
            }

            return list;
        }

        private double? Temperature()
        {
            var (text, field) = (form.Today.TemperatureCelsius, FieldPath.In(Field(nameof(Today)), nameof(TodayAnswers.TemperatureCelsius)));
            if (text is null)
            {
                return null;
            }

            if (!double.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t))
            {
                Errors.Add(field, S.ErrorTemperature);
                return null;
            }

            return t >= 80 ? Math.Round((t - 32) * 5 / 9, 1) : t; // a reading of 80 or more is Fahrenheit
        }

        private int? Score(string property, string? text)
        {
            if (text is null)
            {
                return null; // not answered: never 0
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 10)
            {
                return score;
            }

            Errors.Add(FieldPath.In(Field(nameof(Symptoms)), property), S.ErrorScore);
            return null;
        }

        private int? Int(string? text, string errorKey, int min, int max)
        {
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Errors.Add(errorKey, S.ErrorWholeNumber(min, max));
            return null;
        }

        private BodySite? Site(string? regionText, string? sideText, string errorKey, string regionField)
        {
            if (regionText is null)
            {
                return null;
            }

            if (!BodyRegions.TryParse(regionText, out var region) || region == BodyRegion.WholeBody)
            {
                Errors.Add(regionField, S.ErrorRegion);
                return null;
            }

            return new BodySite(region.Value, Side(sideText, errorKey));
        }

        private BodySide Side(string? text, string errorKey)
        {
            switch (text)
            {
                case null:
                    return BodySide.Unspecified;
                case "left":
                    return BodySide.Left;
                case "right":
                    return BodySide.Right;
                case "both":
                    return BodySide.Both;
                default:
                    Errors.Add(errorKey, S.ErrorSide);
                    return BodySide.Unspecified;
            }
        }

        private DateOnly? Date(string? text, string field)
        {
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Errors.Add(field, S.ErrorDate);
            return null;
        }

        private string? Text(string? text, string field)
        {
            if (text?.Length > MaxTextLength)
            {
                Errors.Add(field, S.ErrorTooLong(MaxTextLength));
                return null;
            }

            return text;
        }

        private string[] Words(string? text, string field) =>
            (Text(text, field) ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private string[] Lines(string? text, string field) =>
            (Text(text, field) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private void Row(string list, string path)
        {
            if (!rows.TryGetValue(list, out var paths))
            {
                rows[list] = paths = [];
            }

            paths.Add(path);
        }
    }
}
