using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Pages.Layout;

/// <summary>
/// The one mapping from codes to the words people read on a page: "Side-lying, left" for <c>SideLyingLeft</c>,
/// "Chest, right" for <c>chest:right</c>. Codes stay on the wire (form values, stored data); pages show these.
/// One place, so the Spanish pages replace it whole.
/// </summary>
public static class DisplayNames
{
    public static string Of(Position position) => position switch
    {
        Position.Prone => "Prone (face down)",
        Position.Supine => "Supine (face up)",
        Position.SideLyingLeft => "Side-lying, left",
        Position.SideLyingRight => "Side-lying, right",
        Position.Seated => "Seated",
        _ => throw new ArgumentOutOfRangeException(nameof(position), position, null),
    };

    public static string Of(BodyRegion region) => region switch
    {
        BodyRegion.WholeBody => "Whole body",
        BodyRegion.HeadNeck => "Head and neck",
        BodyRegion.Chest => "Chest",
        BodyRegion.UpperBack => "Upper back",
        BodyRegion.LowerBack => "Lower back",
        BodyRegion.Abdomen => "Abdomen",
        BodyRegion.Arm => "Arm",
        BodyRegion.Hand => "Hand",
        BodyRegion.Leg => "Leg",
        BodyRegion.Foot => "Foot",
        BodyRegion.UpperQuadrant => "Upper quadrant (arm, hand, chest, upper back)",
        BodyRegion.LowerQuadrant => "Lower quadrant (leg, foot, abdomen, lower back)",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };

    /// <summary>A side as a choice on its own ("Left"); empty for unspecified.</summary>
    public static string Of(BodySide side) => side switch
    {
        BodySide.Left => "Left",
        BodySide.Right => "Right",
        BodySide.Both => "Both sides",
        _ => "",
    };

    /// <summary>"Chest, right"; "Arm, both sides"; "Abdomen" when no side is given.</summary>
    public static string Of(BodySite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var region = site.Region switch
        {
            BodyRegion.UpperQuadrant => "Upper quadrant",
            BodyRegion.LowerQuadrant => "Lower quadrant",
            _ => Of(site.Region),
        };
        return site.Side == BodySide.Unspecified ? region : $"{region}, {Of(site.Side).ToLowerInvariant()}";
    }

    public static string Of(PrecautionCode code) => code.Describe();

    public static string Of(TreatmentType treatment) => treatment switch
    {
        TreatmentType.Chemotherapy => "Chemotherapy",
        TreatmentType.Radiation => "Radiation",
        TreatmentType.Surgery => "Surgery",
        TreatmentType.Hormonal => "Hormonal therapy",
        TreatmentType.Immunotherapy => "Immunotherapy",
        TreatmentType.Targeted => "Targeted therapy",
        TreatmentType.TransplantOrCarT => "Transplant or CAR-T",
        _ => throw new ArgumentOutOfRangeException(nameof(treatment), treatment, null),
    };

    /// <summary>The service in running text: "oncology massage".</summary>
    public static string Of(ServiceType service) =>
        service == ServiceType.EstheticianSkinCare ? "oncology esthetics (skin care)" : "oncology massage";

    /// <summary>A follow-up item in words: "Well-being", "Shortness of breath".</summary>
    public static string Of(FollowUpItem item) => item switch
    {
        FollowUpItem.Pain => "Pain",
        FollowUpItem.Tiredness => "Tiredness",
        FollowUpItem.Drowsiness => "Drowsiness",
        FollowUpItem.Nausea => "Nausea",
        FollowUpItem.LackOfAppetite => "Lack of appetite",
        FollowUpItem.ShortnessOfBreath => "Shortness of breath",
        FollowUpItem.Depression => "Depression",
        FollowUpItem.Anxiety => "Anxiety",
        FollowUpItem.WellBeing => "Well-being",
        FollowUpItem.Sleep => "Sleep",
        FollowUpItem.BodyImage => "Body image",
        FollowUpItem.Isolation => "Isolation",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    /// <summary>A session symptom in words.</summary>
    public static string Of(Symptom symptom) => symptom switch
    {
        Symptom.Pain => "Pain",
        Symptom.Anxiety => "Anxiety",
        Symptom.Nausea => "Nausea",
        Symptom.Fatigue => "Fatigue",
        _ => throw new ArgumentOutOfRangeException(nameof(symptom), symptom, null),
    };
}
