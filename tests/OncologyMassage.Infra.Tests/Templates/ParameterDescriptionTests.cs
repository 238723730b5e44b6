using System.Text.Json.Nodes;

namespace OncologyMassage.Infra.Tests.Templates;

public sealed class ParameterDescriptionTests
{
    [Fact]
    public void MainTemplate_EveryParameterOfEveryModule_HasADescription()
    {
        var template = BicepCli.BuildMainTemplate();

        // main.bicep and each module compile to a template object (modules nest as deployments' "template").
        var undescribed = Templates(template)
            .SelectMany(t => (t["parameters"] as JsonObject ?? []).Select(p => (Template: (string?)t["metadata"]?["description"], Parameter: p)))
            .Where(x => string.IsNullOrWhiteSpace((string?)x.Parameter.Value?["metadata"]?["description"]))
            .Select(x => $"{x.Parameter.Key} ({x.Template})")
            .ToList();

        Assert.True(undescribed.Count == 0, $"Parameters without @description: {string.Join("; ", undescribed)}");
    }

    private static IEnumerable<JsonObject> Templates(JsonNode node)
    {
        if (node is JsonObject o)
        {
            if (((string?)o["$schema"])?.Contains("deploymentTemplate.json", StringComparison.Ordinal) == true)
            {
                yield return o;
            }

            foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Templates))
            {
                yield return child;
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a.OfType<JsonNode>().SelectMany(Templates))
            {
                yield return child;
            }
        }
    }
}
