namespace OncologyMassage.Domain.Clinical;

/// <summary>Side of a body region. <see cref="Unspecified"/> means the region as a whole (e.g. the abdomen) or a side not given.</summary>
public enum BodySide
{
    Unspecified,
    Left,
    Right,
    Both,
}
