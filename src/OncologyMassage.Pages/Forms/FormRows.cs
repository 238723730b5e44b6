namespace OncologyMassage.Pages.Forms;

/// <summary>The rows a page shows for a bound list: the posted row, or a blank one past the posted rows.</summary>
public static class FormRows
{
    public static TRow At<TRow>(this IReadOnlyList<TRow> rows, int index)
        where TRow : new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        return index < rows.Count ? rows[index] : new TRow();
    }
}
