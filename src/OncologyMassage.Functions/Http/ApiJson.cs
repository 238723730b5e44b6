using System.Text.Json;
using System.Text.Json.Serialization;
using OncologyMassage.Infrastructure;

namespace OncologyMassage.Functions.Http;

/// <summary>The API's JSON: the app's JSON (<see cref="AppJson"/>) without null members.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(AppJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
