using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace OncologyMassage.Fhir.Tests;

/// <summary>The example Bundles under Bundles/ (and the documented sample), read as bytes or parsed.</summary>
internal static class ExampleBundles
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Bundles", name));

    public static Resource Parse(string name)
    {
        var (resource, issues) = FhirJson.Parse(Bytes(name));
        Assert.True(resource is not null, string.Join("; ", issues.Select(i => i.Diagnostics)));
        return resource;
    }

    /// <summary>The valid transaction Bundle changed by <paramref name="change"/> (a JSON edit), parsed.</summary>
    public static Resource Edited(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(Bytes("referral-transaction.json"))!;
        change(json);
        var (resource, issues) = FhirJson.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        Assert.True(resource is not null, string.Join("; ", issues.Select(i => i.Diagnostics)));
        return resource;
    }
}
