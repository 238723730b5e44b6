namespace OncologyMassage.Pages.Forms;

/// <summary>
/// A form field's name is its model property's path, camel-cased as in JSON: <c>physicianName</c>,
/// <c>sites[0].region</c>. The page names its inputs with it, <see cref="FormBinder"/> binds by it and the model's
/// validation keys its errors by it, so an error always lands on its field with no table kept by hand.
/// </summary>
public static class FieldPath
{
    /// <summary>The path of a top-level property: <c>FieldPath.Of(nameof(Model.PhysicianName))</c> is <c>physicianName</c>.</summary>
    public static string Of(string property) => Camel(property);

    /// <summary>The path of a property of a list's row: <c>FieldPath.Of(nameof(Model.Sites), 0, nameof(SiteRow.Region))</c> is <c>sites[0].region</c>.</summary>
    public static string Of(string list, int index, string property) => $"{Camel(list)}[{index}].{Camel(property)}";

    internal static string Camel(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
