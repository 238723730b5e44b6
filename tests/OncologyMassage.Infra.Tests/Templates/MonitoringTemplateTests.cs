using System.Text.Json.Nodes;

namespace OncologyMassage.Infra.Tests.Templates;

/// <summary>
/// The alert for an instance the Durable engine left stuck (docs/reliability.md, "A stuck instance"): in Azure the local
/// host's repair cannot reach the engine, so the deployment watches the engine's log for the failure that causes it.
/// Read from the compiled infra/main.bicep.
/// </summary>
public sealed class MonitoringTemplateTests
{
    [Fact]
    public void HeldSessionAlert_Query_LooksForTheEngineFailureThatHoldsASession()
    {
        var query = Criterion()?["query"]?.ToString() ?? "";

        // The same three terms IntegrationTests' HeldSessionTests finds in the engine's own line when it holds a session.
        Assert.All(new[] { "An unexpected failure occurred while processing instance", "LockNextTaskOrchestrationWorkItemAsync", "AbandonMessagesAsync" },
            term => Assert.Contains(term, query, StringComparison.Ordinal));
        Assert.StartsWith("traces", query, StringComparison.Ordinal);
    }

    [Fact]
    public void HeldSessionAlert_FiresOnTheFirstLine_PerInstance()
    {
        var criterion = Criterion();

        Assert.Equal(("Count", "GreaterThan", 0), ((string?)criterion?["timeAggregation"], (string?)criterion?["operator"], criterion?["threshold"]?.GetValue<int>()));
        Assert.Equal("instanceId", (string?)criterion?["dimensions"]?[0]?["name"]);
    }

    [Fact]
    public void HeldSessionAlert_ScopeAndActions_TheAppsComponentAndTheOpsEmail()
    {
        var properties = Alert()["properties"];

        Assert.Contains("Microsoft.Insights/components", properties?["scopes"]?[0]?.ToString(), StringComparison.Ordinal);
        Assert.Contains("opsAlertEmail", properties?["actions"]?["actionGroups"]?.ToString(), StringComparison.Ordinal);
        Assert.Contains(BicepCli.BuildMainTemplate()["parameters"]!.AsObject(), p => p.Key == "opsAlertEmail");
    }

    private static JsonNode? Criterion() => Alert()["properties"]?["criteria"]?["allOf"]?[0];

    private static JsonObject Alert() => Assert.Single(TemplateJson.Descendants(BicepCli.BuildMainTemplate()).OfType<JsonObject>(),
        o => (string?)o["type"] == "Microsoft.Insights/scheduledQueryRules");
}
