using System.Text.Json.Nodes;

namespace OncologyMassage.Infra.Tests.Templates;

/// <summary>Walks a compiled ARM template: every node, depth first, so a test can find a resource wherever Bicep nested it.</summary>
internal static class TemplateJson
{
    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
