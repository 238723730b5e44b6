using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// A record as a row by convention, so no store keeps a list of columns by hand: each public property is a column of its
/// name. Strings, numbers, booleans, instants and GUIDs are typed columns (so they can be filtered on); an enum is its
/// name; anything else (an intake, a plan, a decision) is one column of JSON (<see cref="AppJson"/>). The property that
/// is the PartitionKey, and the one the RowKey stands for (if any), are read from the keys and not repeated as columns.
/// Reading goes back through the same JSON options, so a row reads back equal to the record that was written.
/// </summary>
public sealed class RecordColumns<TRecord> : IRowMapper<TRecord>
    where TRecord : class
{
    private static readonly PropertyInfo[] Properties =
        typeof(TRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();

    private readonly PropertyInfo partitionKey;
    private readonly Func<TRecord, string> rowKeyOf;
    private readonly PropertyInfo? rowKeyProperty;
    private readonly Func<string, object?>? fromRowKey;

    /// <param name="partitionKeyProperty">The string property that is the PartitionKey (e.g. the referral id).</param>
    /// <param name="rowKeyOf">The record's RowKey.</param>
    /// <param name="rowKeyProperty">The property the RowKey stands for, if any (e.g. a version number).</param>
    /// <param name="fromRowKey">With <paramref name="rowKeyProperty"/>: its value from a RowKey.</param>
    public RecordColumns(string partitionKeyProperty, Func<TRecord, string> rowKeyOf, string? rowKeyProperty = null, Func<string, object?>? fromRowKey = null)
    {
        partitionKey = Property(partitionKeyProperty);
        if (partitionKey.PropertyType != typeof(string))
        {
            throw new ArgumentException($"{typeof(TRecord).Name}.{partitionKeyProperty} is not a string.", nameof(partitionKeyProperty));
        }

        if ((rowKeyProperty is null) != (fromRowKey is null))
        {
            throw new ArgumentException("A RowKey property needs a way back from the RowKey, and the other way round.", nameof(fromRowKey));
        }

        this.rowKeyOf = rowKeyOf ?? throw new ArgumentNullException(nameof(rowKeyOf));
        this.rowKeyProperty = rowKeyProperty is null ? null : Property(rowKeyProperty);
        this.fromRowKey = fromRowKey;
    }

    /// <summary>Columns written besides the properties, derived from the record (e.g. an outcome people filter the table by).</summary>
    public Action<TRecord, TableEntity>? AlsoWrite { get; init; }

    public TableEntity ToRow(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = new TableEntity((string)partitionKey.GetValue(record)!, rowKeyOf(record));
        foreach (var property in Columns())
        {
            row[property.Name] = ToColumn(property.GetValue(record), property.PropertyType);
        }

        AlsoWrite?.Invoke(record, row);
        return row;
    }

    public TRecord FromRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var json = new JsonObject { [partitionKey.Name] = row.PartitionKey };
        if (rowKeyProperty is not null)
        {
            json[rowKeyProperty.Name] = JsonSerializer.SerializeToNode(fromRowKey!(row.RowKey), rowKeyProperty.PropertyType, AppJson.Options);
        }

        foreach (var property in Columns())
        {
            if (row.TryGetValue(property.Name, out var value) && value is not null)
            {
                json[property.Name] = IsScalar(property.PropertyType) ? JsonSerializer.SerializeToNode(value, value.GetType(), AppJson.Options) : JsonNode.Parse((string)value);
            }
        }

        return json.Deserialize<TRecord>(AppJson.Options)
            ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} is not a {typeof(TRecord).Name}.");
    }

    private IEnumerable<PropertyInfo> Columns() => Properties.Where(p => p != partitionKey && p != rowKeyProperty);

    private static PropertyInfo Property(string name) =>
        Array.Find(Properties, p => p.Name == name) ?? throw new ArgumentException($"{typeof(TRecord).Name} has no property {name}.", nameof(name));

    private static object? ToColumn(object? value, Type type) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        _ when IsScalar(type) => value,
        _ => JsonSerializer.Serialize(value, type, AppJson.Options),
    };

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum || t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double)
               || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }
}
