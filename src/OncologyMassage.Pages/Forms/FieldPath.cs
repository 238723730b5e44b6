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

    /// <summary>A row of a list as a whole (its group's id): <c>FieldPath.Row(nameof(Model.Surgeries), 1)</c> is <c>surgeries[1]</c>.</summary>
    public static string Row(string list, int index) => $"{Camel(list)}[{index}]";

    /// <summary>A property inside a group or row already named: <c>FieldPath.In("labs.platelets", nameof(LabRow.Value))</c> is <c>labs.platelets.value</c>.</summary>
    public static string In(string parent, string property) => $"{parent}.{Camel(property)}";

    /// <summary>
    /// The field of a property path as a validator reports it over an object built from the form (<c>Labs.Platelets</c>,
    /// <c>Surgeries[1].Nodes</c>): each segment camel-cased, and a list item's index replaced by the form row it was built
    /// from (<paramref name="rowOf"/>: list name and item index to the row's path, or null to keep the path as it is). For
    /// this to need no table, the form model names its properties as the built object does.
    /// </summary>
    public static string FromPropertyPath(string propertyPath, Func<string, int, string?> rowOf)
    {
        ArgumentException.ThrowIfNullOrEmpty(propertyPath);
        ArgumentNullException.ThrowIfNull(rowOf);
        var path = "";
        foreach (var segment in propertyPath.Split('.'))
        {
            var open = segment.IndexOf('[', StringComparison.Ordinal);
            if (path.Length == 0 && open > 0 && segment.EndsWith(']')
                && int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                && rowOf(segment[..open], index) is { } row)
            {
                path = row;
                continue;
            }

            path = path.Length == 0 ? Camel(segment) : In(path, segment);
        }

        return path;
    }

    internal static string Camel(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
