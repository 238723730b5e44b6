namespace OncologyMassage.Domain.Clinical;

/// <summary>The intake evaluation, every field of docs/clinical.md's intake list. Validate with <see cref="IntakeValidator"/>.</summary>
public sealed record Intake
{
    /// <summary>The day the client completed the form; dates after it are rejected, and windows count from it.</summary>
    public required DateOnly CompletedOn { get; init; }

    public required string CancerType { get; init; }

    public DateOnly? DiagnosisDate { get; init; }

    /// <summary>Metastasis sites in words ("bone", "brain", "liver"); bone and brain also have their own fields.</summary>
    public IReadOnlyList<string> MetastasisSites { get; init; } = [];

    public IReadOnlyList<TreatmentCourse> Treatments { get; init; } = [];

    public DateOnly? NextInfusion { get; init; }

    public IReadOnlyList<SurgeryRecord> Surgeries { get; init; } = [];

    public IReadOnlyList<RadiationCourse> Radiation { get; init; } = [];

    public IReadOnlyList<MedicalDevice> Devices { get; init; } = [];

    public LabResults Labs { get; init; } = new();

    public IReadOnlyList<ClotRecord> Clots { get; init; } = [];

    public IReadOnlyList<string> Anticoagulants { get; init; } = [];

    public BoneInvolvement? Bone { get; init; }

    public bool BrainMetastases { get; init; }

    public bool Seizures { get; init; }

    public IReadOnlyList<string> Anticonvulsants { get; init; } = [];

    public NeuropathyRecord? Neuropathy { get; init; }

    public IReadOnlyList<LymphedemaRecord> Lymphedema { get; init; } = [];

    public SkinChanges? Skin { get; init; }

    public IntakeSymptoms Symptoms { get; init; } = new();

    public IReadOnlyList<string> Medications { get; init; } = [];

    public bool OnSteroids { get; init; }

    public bool Cachexia { get; init; }

    public bool ScentSensitive { get; init; }

    public IReadOnlyList<Position> PositionsThatHurt { get; init; } = [];

    public string? Goals { get; init; }

    public TodayStatus Today { get; init; } = new();

    public CareTeamContact? CareTeam { get; init; }

    public bool PermissionToContactCareTeam { get; init; }
}
