using Microsoft.DurableTask.Converters;

namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// DurableTask.Core's client serializes with Newtonsoft and type names by default; this converter makes it write exactly
/// what the Microsoft.DurableTask worker shims read (System.Text.Json, the worker's default <see cref="JsonDataConverter"/>).
/// </summary>
internal sealed class CoreDataConverter : DurableTask.Core.Serializing.DataConverter
{
    public static CoreDataConverter Instance { get; } = new();

    public override string Serialize(object value) => JsonDataConverter.Default.Serialize(value)!;

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => JsonDataConverter.Default.Deserialize(data, objectType)!;
}
