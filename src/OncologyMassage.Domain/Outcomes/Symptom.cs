namespace OncologyMassage.Domain.Outcomes;

/// <summary>The four symptoms rated 0–10 before and after each session (docs/clinical.md, "Outcomes").</summary>
public enum Symptom
{
    Pain,
    Anxiety,
    Nausea,
    Fatigue,
}
