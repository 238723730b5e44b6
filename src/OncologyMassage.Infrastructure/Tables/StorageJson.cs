using System.Text.Json;
using System.Text.Json.Serialization;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>JSON for values stored inside table properties (enums by name, so stored rows stay readable).</summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
