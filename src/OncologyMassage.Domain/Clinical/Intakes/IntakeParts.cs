namespace OncologyMassage.Domain.Clinical;

// Small records and enums the intake is made of (docs/clinical.md, "The forms: Intake"), kept together: each is a few lines.

public enum TreatmentType
{
    Chemotherapy,
    Radiation,
    Surgery,
    Hormonal,
    Immunotherapy,
    Targeted,
    TransplantOrCarT,
}

public enum DeviceType
{
    Port,
    Picc,
    CentralLine,
    Drain,
    Ostomy,
    FeedingTube,
}

public enum SkinReaction
{
    None,
    Redness,
    DryPeeling,
    WetPeeling,
    Blisters,
}

public enum LymphedemaStatus
{
    AtRisk,
    Present,
}

public enum ReconstructionType
{
    Implant,
    Expander,
    Flap,
}

/// <summary>A treatment with its dates; <paramref name="LastDose"/> matters for chemotherapy (48-hour hygiene).</summary>
public sealed record TreatmentCourse(TreatmentType Type, DateOnly? Start = null, DateOnly? End = null, DateOnly? LastDose = null);

/// <summary>Lymph nodes removed or radiated: site (armpit → upper quadrant, groin → lower quadrant), side, count, sentinel or full.</summary>
public sealed record NodeTreatment(BodySite Site, int? Count = null, bool SentinelOnly = false, bool Radiated = false);

public sealed record ReconstructionRecord(ReconstructionType Type, BodySite Site, DateOnly? Date = null, BodySite? DonorSite = null, bool SurgeonAllowsProne = false);

public sealed record SurgeryRecord(string Procedure, DateOnly Date, BodySite? Site = null)
{
    public bool Healed { get; init; }

    public bool OpenOrDraining { get; init; }

    public NodeTreatment? Nodes { get; init; }

    public bool HasDrain { get; init; }

    public ReconstructionRecord? Reconstruction { get; init; }

    public string? SurgeonRestrictions { get; init; }
}

/// <summary>A radiation course: active while <paramref name="End"/> is unknown or not yet past.</summary>
public sealed record RadiationCourse(BodySite Field, DateOnly? Start = null, DateOnly? End = null, SkinReaction Reaction = SkinReaction.None)
{
    public bool Healed { get; init; }

    public bool Fibrosis { get; init; }

    public bool ClearedForDirectWork { get; init; }
}

/// <summary>A device with its site and warning signs there (redness, swelling, pain, discharge).</summary>
public sealed record MedicalDevice(DeviceType Type, BodySite? Site = null, DateOnly? Placed = null, FindingSigns SiteSigns = FindingSigns.None);

/// <summary>A lab value with the date it was drawn.</summary>
public sealed record LabValue(double Value, DateOnly Drawn);

/// <summary>Latest labs: platelets and ANC/WBC per mm³, haemoglobin in g/dL.</summary>
public sealed record LabResults(LabValue? Platelets = null, LabValue? Anc = null, LabValue? Wbc = null, LabValue? Haemoglobin = null);

public sealed record ClotRecord(BodySite Site, DateOnly Date, DateOnly? TreatmentEnded = null, bool CalfPainSwellingOrWarmthNow = false);

public sealed record BoneInvolvement
{
    public IReadOnlyList<BodySite> LesionSites { get; init; } = [];

    public bool Osteoporosis { get; init; }

    public bool HighFractureRisk { get; init; }

    public bool NewOrNightPain { get; init; }
}

public sealed record NeuropathyRecord(IReadOnlyList<BodySite> Sites, bool Numbness = false, bool Pain = false);

public sealed record LymphedemaRecord(BodySite Limb, LymphedemaStatus Status)
{
    public int? Stage { get; init; }

    public string? Therapy { get; init; }

    public bool Garment { get; init; }

    public bool SuddenIncreaseRednessOrWarmth { get; init; }

    public bool CertifiedTherapistDirects { get; init; }
}

public sealed record SkinChanges
{
    public BodySite? Site { get; init; }

    public bool Rash { get; init; }

    public bool Dryness { get; init; }

    public bool NailChanges { get; init; }

    public bool Blisters { get; init; }

    public bool OpenSkin { get; init; }

    public bool Infected { get; init; }

    public bool Any => Rash || Dryness || NailChanges || Blisters || OpenSkin || Infected;
}

/// <summary>0–10 ratings at intake (0 none, 10 worst).</summary>
public sealed record IntakeSymptoms(int? Pain = null, int? Fatigue = null, int? Nausea = null, int? Anxiety = null);

/// <summary>How the client is today.</summary>
public sealed record TodayStatus
{
    public double? TemperatureCelsius { get; init; }

    public bool ActiveInfection { get; init; }

    public bool OnAntibiotics { get; init; }

    public bool Vomiting { get; init; }

    public bool CannotKeepFluidsDown { get; init; }

    public bool Fainting { get; init; }

    public bool ChestPain { get; init; }

    public bool Breathless { get; init; }

    public bool RapidWeightLoss { get; init; }
}

public sealed record CareTeamContact(string Name, string? Phone = null, string? Email = null);
