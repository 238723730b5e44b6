namespace OncologyMassage.Domain.Outcomes;

/// <summary>The four symptoms rated 0–10 before and after each session (DOMAIN.md, "Outcomes").</summary>
public enum Symptom
{
    Pain,
    Anxiety,
    Nausea,
    Fatigue,
}
