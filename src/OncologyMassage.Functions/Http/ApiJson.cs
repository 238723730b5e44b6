using System.Text.Json;
using System.Text.Json.Serialization;

namespace OncologyMassage.Functions.Http;

/// <summary>The API's JSON: camelCase, enums by name (stage names exactly as the timeline and console spell them).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
