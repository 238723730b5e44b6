namespace OncologyMassage.Domain.Clinical;

/// <summary>Client positions on the table or chair.</summary>
public enum Position
{
    Prone,
    Supine,
    SideLyingLeft,
    SideLyingRight,
    Seated,
}
