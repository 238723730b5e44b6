namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Structured precaution codes shared by referrals, MD releases and intakes (docs/clinical.md, "Precautions → adaptations and holds").
/// The JSON and storage form is the upper-snake name (e.g. <c>NODES_REMOVED</c>); see <see cref="PrecautionCodes"/>.
/// </summary>
public enum PrecautionCode
{
    Port,
    Picc,
    CentralLine,
    SurgicalSite,
    Drain,
    RecentSurgery,
    RadiationActive,
    RadiationPast,
    NodesRemoved,
    NodesRadiated,
    Lymphedema,
    LowPlatelets,
    Neutropenia,
    Fever,
    Anemia,
    DvtHistory,
    Anticoagulant,
    BoneMets,
    Osteoporosis,
    Neuropathy,
    Fatigue,
    Nausea,
    ScentSensitive,
    Steroids,
    Ostomy,
    ChemoWithin48H,
    Infection,
    SkinCompromised,
    Reconstruction,
    BrainMets,
    Cachexia,
}
