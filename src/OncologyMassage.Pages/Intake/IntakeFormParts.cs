using OncologyMassage.Domain.Clinical;

// The rows and groups the intake form is made of, kept together like the domain's IntakeParts: each is a few properties.
// Every property's path is its field's name (FieldPath); the names follow the domain Intake's, so the domain
// validator's property paths land on the fields with no table.
namespace OncologyMassage.Pages.Intake;

/// <summary>One treatment the client ticks: <c>treatments.chemotherapy.taken</c>, <c>…start</c>, <c>…end</c>, <c>…lastDose</c>.</summary>
public sealed class TreatmentRow
{
    public bool Taken { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    /// <summary>Asked for chemotherapy only.</summary>
    public string? LastDose { get; init; }
}

/// <summary>The treatments the form asks about, one row per <see cref="TreatmentType"/> (property names are the type's names).</summary>
public sealed class TreatmentRows
{
    public TreatmentRow Chemotherapy { get; init; } = new();

    public TreatmentRow Radiation { get; init; } = new();

    public TreatmentRow Surgery { get; init; } = new();

    public TreatmentRow Hormonal { get; init; } = new();

    public TreatmentRow Immunotherapy { get; init; } = new();

    public TreatmentRow Targeted { get; init; } = new();

    public TreatmentRow TransplantOrCarT { get; init; } = new();

    /// <summary>Each row with its type and property name, in the form's order.</summary>
    public IEnumerable<(TreatmentType Type, string Property, TreatmentRow Row)> All() =>
    [
        (TreatmentType.Chemotherapy, nameof(Chemotherapy), Chemotherapy), (TreatmentType.Radiation, nameof(Radiation), Radiation),
        (TreatmentType.Surgery, nameof(Surgery), Surgery), (TreatmentType.Hormonal, nameof(Hormonal), Hormonal),
        (TreatmentType.Immunotherapy, nameof(Immunotherapy), Immunotherapy), (TreatmentType.Targeted, nameof(Targeted), Targeted),
        (TreatmentType.TransplantOrCarT, nameof(TransplantOrCarT), TransplantOrCarT),
    ];
}

/// <summary>One operation: <c>surgeries[i].procedure</c> and the rest.</summary>
public sealed class SurgeryRow
{
    public string? Procedure { get; init; }

    public string? Date { get; init; }

    public string? Region { get; init; }

    public string? Side { get; init; }

    public bool Healed { get; init; }

    public bool OpenOrDraining { get; init; }

    public bool HasDrain { get; init; }

    /// <summary><c>none</c>, <c>armpit</c>, <c>groin</c> or <c>neck</c>.</summary>
    public string? Nodes { get; init; }

    public string? NodesSide { get; init; }

    public string? NodesCount { get; init; }

    public bool NodesSentinelOnly { get; init; }

    public bool NodesRadiated { get; init; }

    /// <summary><c>none</c>, <c>implant</c>, <c>expander</c> or <c>flap</c>.</summary>
    public string? Reconstruction { get; init; }

    public string? DonorRegion { get; init; }

    public string? DonorSide { get; init; }

    public bool SurgeonAllowsProne { get; init; }

    public string? SurgeonRestrictions { get; init; }
}

/// <summary>One area treated with radiation: <c>radiation[i].region</c> and the rest.</summary>
public sealed class RadiationRow
{
    public string? Region { get; init; }

    public string? Side { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    /// <summary><c>none</c>, <c>redness</c>, <c>dry</c>, <c>wet</c> or <c>blisters</c>.</summary>
    public string? Reaction { get; init; }

    public bool Healed { get; init; }

    public bool Fibrosis { get; init; }

    public bool ClearedForDirectWork { get; init; }
}

/// <summary>One device the client has: <c>devices.port.present</c>, <c>…region</c>, <c>…side</c>, <c>…placed</c>, <c>…siteSigns</c>.</summary>
public sealed class DeviceRow
{
    public bool Present { get; init; }

    public string? Region { get; init; }

    public string? Side { get; init; }

    public string? Placed { get; init; }

    public bool SiteSigns { get; init; }
}

/// <summary>The devices the form asks about, one row per <see cref="DeviceType"/> (property names are the type's names).</summary>
public sealed class DeviceRows
{
    public DeviceRow Port { get; init; } = new();

    public DeviceRow Picc { get; init; } = new();

    public DeviceRow CentralLine { get; init; } = new();

    public DeviceRow Drain { get; init; } = new();

    public DeviceRow Ostomy { get; init; } = new();

    public DeviceRow FeedingTube { get; init; } = new();

    public IEnumerable<(DeviceType Type, string Property, DeviceRow Row)> All() =>
    [
        (DeviceType.Port, nameof(Port), Port), (DeviceType.Picc, nameof(Picc), Picc), (DeviceType.CentralLine, nameof(CentralLine), CentralLine),
        (DeviceType.Drain, nameof(Drain), Drain), (DeviceType.Ostomy, nameof(Ostomy), Ostomy), (DeviceType.FeedingTube, nameof(FeedingTube), FeedingTube),
    ];
}

/// <summary>One blood count: <c>labs.platelets.value</c>, <c>…drawn</c>, <c>…unknown</c>.</summary>
public sealed class LabRow
{
    public string? Value { get; init; }

    public string? Drawn { get; init; }

    /// <summary>"I don't know": the value stays unknown even when one was typed.</summary>
    public bool Unknown { get; init; }
}

/// <summary>The blood counts the form asks for (names as the domain's <see cref="LabResults"/>).</summary>
public sealed class LabRows
{
    public LabRow Platelets { get; init; } = new();

    public LabRow Anc { get; init; } = new();

    public LabRow Wbc { get; init; } = new();

    public LabRow Haemoglobin { get; init; } = new();

    public IEnumerable<(string Property, LabRow Row)> All() =>
        [(nameof(Platelets), Platelets), (nameof(Anc), Anc), (nameof(Wbc), Wbc), (nameof(Haemoglobin), Haemoglobin)];
}

/// <summary>One blood clot: <c>clots[i].region</c> and the rest.</summary>
public sealed class ClotRow
{
    public string? Region { get; init; }

    public string? Side { get; init; }

    public string? Date { get; init; }

    public string? TreatmentEnded { get; init; }

    public bool CalfPainSwellingOrWarmthNow { get; init; }
}

/// <summary>A body area and side chosen from two drop-downs: <c>bone.lesionSites[i].region</c>, <c>…side</c>.</summary>
public sealed class SiteChoice
{
    public string? Region { get; init; }

    public string? Side { get; init; }
}

/// <summary>Cancer in the bone and bone health: <c>bone.lesionSites[i]</c>, <c>bone.osteoporosis</c>, …</summary>
public sealed class BoneAnswers
{
    public IReadOnlyList<SiteChoice> LesionSites { get; init; } = [];

    public bool Osteoporosis { get; init; }

    public bool HighFractureRisk { get; init; }

    public bool NewOrNightPain { get; init; }
}

/// <summary>Numbness or tingling: <c>neuropathy.hands</c> and <c>neuropathy.feet</c> (a side, blank for no), and how it feels.</summary>
public sealed class NeuropathyAnswers
{
    public string? Hands { get; init; }

    public string? Feet { get; init; }

    public bool Numbness { get; init; }

    public bool Pain { get; init; }
}

/// <summary>One limb with or at risk of lymphedema: <c>lymphedema[i].status</c> and the rest.</summary>
public sealed class LymphedemaRow
{
    /// <summary><c>present</c> or <c>risk</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>arm</c> or <c>leg</c>.</summary>
    public string? Limb { get; init; }

    public string? Side { get; init; }

    public string? Stage { get; init; }

    public string? Therapy { get; init; }

    public bool Garment { get; init; }

    public bool CertifiedTherapistDirects { get; init; }

    public bool SuddenIncreaseRednessOrWarmth { get; init; }
}

/// <summary>Skin changes from treatment (names as the domain's <see cref="SkinChanges"/>).</summary>
public sealed class SkinAnswers
{
    public bool Rash { get; init; }

    public bool Dryness { get; init; }

    public bool NailChanges { get; init; }

    public bool Blisters { get; init; }

    public bool OpenSkin { get; init; }

    public bool Infected { get; init; }

    public string? Region { get; init; }

    public string? Side { get; init; }
}

/// <summary>Symptom ratings 0–10 (names as the domain's <see cref="IntakeSymptoms"/>); blank stays unknown, never 0.</summary>
public sealed class SymptomAnswers
{
    public string? Pain { get; init; }

    public string? Fatigue { get; init; }

    public string? Nausea { get; init; }

    public string? Anxiety { get; init; }

    public IEnumerable<(string Property, string? Value)> All() =>
        [(nameof(Pain), Pain), (nameof(Fatigue), Fatigue), (nameof(Nausea), Nausea), (nameof(Anxiety), Anxiety)];
}

/// <summary>How the client is today (names as the domain's <see cref="TodayStatus"/>; the temperature may be typed in °F).</summary>
public sealed class TodayAnswers
{
    public string? TemperatureCelsius { get; init; }

    public bool ActiveInfection { get; init; }

    public bool OnAntibiotics { get; init; }

    public bool Vomiting { get; init; }

    public bool CannotKeepFluidsDown { get; init; }

    public bool Fainting { get; init; }

    public bool ChestPain { get; init; }

    public bool Breathless { get; init; }

    public bool RapidWeightLoss { get; init; }
}

/// <summary>A contact in the client's care team (names as the domain's <see cref="CareTeamContact"/>).</summary>
public sealed class CareTeamAnswers
{
    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }
}
