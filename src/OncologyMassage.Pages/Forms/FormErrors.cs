namespace OncologyMassage.Pages.Forms;

/// <summary>A form's validation errors keyed by <see cref="FieldPath"/>, as the page shows them and problem details list them.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    /// <summary>No errors (a new instance each time: errors are added to an instance).</summary>
    public static FormErrors None => new();

    public int Count => errors.Count;

    public IReadOnlyDictionary<string, string[]> ByField => errors;

    /// <summary>Records the field's error; the first error of a field stands.</summary>
    public void Add(string field, string message) => errors.TryAdd(field, [message]);

    public bool Has(string field) => errors.ContainsKey(field);

    public string? MessageOf(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The id of the field's error paragraph, which the input names in aria-describedby.</summary>
    public static string ErrorId(string field) => field + "-error";

    /// <summary>The ids an input is described by: its hint and its error, when present; null when none.</summary>
    public string? DescribedBy(string field, bool hasHint)
    {
        var ids = new[] { hasHint ? field + "-hint" : null, Has(field) ? ErrorId(field) : null }.OfType<string>().ToArray();
        return ids.Length == 0 ? null : string.Join(' ', ids);
    }
}
