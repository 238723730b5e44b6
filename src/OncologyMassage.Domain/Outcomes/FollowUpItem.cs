namespace OncologyMassage.Domain.Outcomes;

/// <summary>
/// Follow-up rating items: the ESAS-r items (0 none, 10 worst, "now") and the clinic's own outcomes (sleep, body image,
/// isolation; well-being is shared). For the clinic's items, say on the form which end is best.
/// </summary>
public enum FollowUpItem
{
    Pain,
    Tiredness,
    Drowsiness,
    Nausea,
    LackOfAppetite,
    ShortnessOfBreath,
    Depression,
    Anxiety,
    WellBeing,
    Sleep,
    BodyImage,
    Isolation,
}
