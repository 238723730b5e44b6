using System.Text.Json;
using System.Text.Json.Serialization;

namespace OncologyMassage.Infrastructure;

/// <summary>
/// The app's JSON: camelCase, enums by name (stage names exactly as the API, the timeline and the console spell them).
/// Stored payloads use it as is; the HTTP API adds only "omit nulls".
/// </summary>
public static class AppJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
