using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace OncologyMassage.Pages.Forms;

/// <summary>
/// The one form binder: fills a form model from a posted form, each property from the field named by its
/// <see cref="FieldPath"/>. Supported property types: <c>string?</c> (trimmed, blank is null), <c>bool</c> (checked when
/// posted), <c>IReadOnlyList&lt;string&gt;</c> (every non-blank value of a repeated field) and
/// <c>IReadOnlyList&lt;TRow&gt;</c> of a row class (<c>sites[0].region</c>; missing rows in between are empty rows, rows past
/// <see cref="MaxRows"/> are ignored) and a group class with a parameterless constructor (<c>labs.platelets.value</c>). Nothing here validates: the model does, keyed by the same paths.
/// </summary>
public static class FormBinder
{
    /// <summary>The most rows a list binds (above any form's own row count; the body's size bounds the rest).</summary>
    public const int MaxRows = 50;

    public static TModel Bind<TModel>(IFormCollection form)
        where TModel : class, new()
    {
        ArgumentNullException.ThrowIfNull(form);
        return (TModel)Bind(typeof(TModel), form, "");
    }

    private static object Bind(Type type, IFormCollection form, string prefix)
    {
        var model = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a public parameterless constructor to be a form model.");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = prefix + FieldPath.Camel(property.Name);
            property.SetValue(model, ValueOf(property.PropertyType, form, name));
        }

        return model;
    }

    private static object? ValueOf(Type type, IFormCollection form, string name)
    {
        if (type == typeof(string))
        {
            return form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;
        }

        if (type == typeof(bool))
        {
            return form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString());
        }

        if (type == typeof(IReadOnlyList<string>))
        {
            return form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && type.GetGenericArguments()[0] is { IsClass: true } row)
        {
            return Rows(row, form, name);
        }

        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            return Bind(type, form, name + "."); // a group of fields: labs.platelets.value
        }

        throw new NotSupportedException($"A form model property of type {type.Name} ({name}) is not bound; use string, bool, a group class or a read-only list.");
    }

    private static Array Rows(Type row, IFormCollection form, string list)
    {
        var count = 0;
        foreach (var key in form.Keys)
        {
            if (key.StartsWith(list + "[", StringComparison.Ordinal) && key.IndexOf(']', list.Length) is var close and > 0
                && int.TryParse(key.AsSpan(list.Length + 1, close - list.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < MaxRows)
            {
                count = Math.Max(count, index + 1);
            }
        }

        var rows = Array.CreateInstance(row, count);
        for (var i = 0; i < count; i++)
        {
            rows.SetValue(Bind(row, form, $"{list}[{i}]."), i);
        }

        return rows;
    }
}
