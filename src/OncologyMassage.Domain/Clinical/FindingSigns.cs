namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Observations attached to a finding. Warning signs trigger holds (docs/clinical.md's last column); the few status flags
/// (healed, cleared, allowed) are facts the rules read to choose between two sourced limits.
/// </summary>
[Flags]
#pragma warning disable CA1028 // More than 32 signs: the flags need a 64-bit underlying type.
public enum FindingSigns : long
#pragma warning restore CA1028
{
    None = 0,

    // Warning signs at a device, wound or limb.
    Redness = 1L << 0,
    Swelling = 1L << 1,
    Pain = 1L << 2,
    Discharge = 1L << 3,
    Warmth = 1L << 4,
    OpenWound = 1L << 5,
    DrainingWound = 1L << 6,
    Blisters = 1L << 7,
    WetOrPeelingSkin = 1L << 8,
    BrokenSkin = 1L << 9,
    InfectedSkin = 1L << 10,
    NewSwelling = 1L << 11,
    SuddenIncrease = 1L << 12,
    CalfSigns = 1L << 13,
    NewBruising = 1L << 14,
    NewBoneOrNightPain = 1L << 15,

    // Whole-body warning signs.
    Fainting = 1L << 16,
    ChestPain = 1L << 17,
    Vomiting = 1L << 18,
    CannotKeepFluidsDown = 1L << 19,
    Seizure = 1L << 20,
    NewNeurologicalChange = 1L << 21,
    RapidWeightLoss = 1L << 22,
    Breathless = 1L << 23,
    Dizziness = 1L << 24,

    // Status facts.
    Healed = 1L << 32,
    Fibrosis = 1L << 33,
    ClearedForDirectWork = 1L << 34,
    CertifiedLymphedemaTherapistDirects = 1L << 35,
    SurgeonAllowsProne = 1L << 36,
    SpineOrRibLesion = 1L << 37,
    Expander = 1L << 38,
}
