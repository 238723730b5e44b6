using System.Text.Json;
using System.Text.Json.Serialization;

namespace OncologyMassage.IntegrationTests.Infrastructure;

internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
