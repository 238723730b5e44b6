namespace OncologyMassage.Domain.Outcomes;

/// <summary>0–10 ratings (0 none, 10 worst) of the four session symptoms. A rating not given stays null: never imputed.</summary>
public sealed record SymptomRatings
{
    private readonly int? pain;
    private readonly int? anxiety;
    private readonly int? nausea;
    private readonly int? fatigue;

    public SymptomRatings(int? pain = null, int? anxiety = null, int? nausea = null, int? fatigue = null)
    {
        Pain = pain;
        Anxiety = anxiety;
        Nausea = nausea;
        Fatigue = fatigue;
    }

    public static SymptomRatings None { get; } = new();

    public int? Pain { get => pain; init => pain = Score.Check(value, nameof(Pain)); }

    public int? Anxiety { get => anxiety; init => anxiety = Score.Check(value, nameof(Anxiety)); }

    public int? Nausea { get => nausea; init => nausea = Score.Check(value, nameof(Nausea)); }

    public int? Fatigue { get => fatigue; init => fatigue = Score.Check(value, nameof(Fatigue)); }

    public int? this[Symptom symptom] => symptom switch
    {
        Symptom.Pain => Pain,
        Symptom.Anxiety => Anxiety,
        Symptom.Nausea => Nausea,
        _ => Fatigue,
    };

    /// <summary>Builds ratings from parsed reply scores (see <c>ReplyParser</c>); symptoms not in the reply stay null.</summary>
    public static SymptomRatings From(IReadOnlyDictionary<Symptom, int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new SymptomRatings(Get(Symptom.Pain), Get(Symptom.Anxiety), Get(Symptom.Nausea), Get(Symptom.Fatigue));

        int? Get(Symptom s) => scores.TryGetValue(s, out var v) ? v : null;
    }
}
