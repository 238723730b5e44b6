using System.Text.Json.Nodes;
using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>The committed sample referral (docs/samples/referral.json), optionally edited.</summary>
internal static class Samples
{
    public static string Referral() => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "referral.json"));

    public static string Referral(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Referral())!.AsObject();
        edit(node);
        return node.ToJsonString();
    }
}
