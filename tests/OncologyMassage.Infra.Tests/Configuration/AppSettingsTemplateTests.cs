using System.Text.Json.Nodes;
using OncologyMassage.Infra.Tests.Templates;
using OncologyMassage.Infrastructure.Configuration;

namespace OncologyMassage.Infra.Tests.Configuration;

/// <summary>
/// AppSettings.All (what the code reads) and the function app's app settings in infra/ (what Azure sets) must agree,
/// in both directions. The template is compiled by the Bicep CLI and the settings are read from the ARM JSON.
/// </summary>
public sealed class AppSettingsTemplateTests
{
    /// <summary>Settings the platform reads, not the app's code: the host's storage connection and telemetry.</summary>
    private static readonly string[] PlatformOwnedPrefixes = ["FUNCTIONS_", "AzureWebJobsStorage__", "APPLICATIONINSIGHTS_"];

    [Fact]
    public void AppSettingsAll_EveryName_IsSetByTheFunctionAppTemplate()
    {
        var templateSettings = FunctionAppSettings().Keys.ToHashSet(StringComparer.Ordinal);

        var missing = AppSettings.All.Where(name => !templateSettings.Contains(name)).ToList();

        Assert.True(missing.Count == 0, $"Read by the code but not set in infra/app/api.bicep: {string.Join(", ", missing)}");
    }

    [Fact]
    public void FunctionAppTemplate_EverySettingNotPlatformOwned_IsInAppSettingsAll()
    {
        var known = AppSettings.All.ToHashSet(StringComparer.Ordinal);

        var unknown = FunctionAppSettings().Keys
            .Where(name => !PlatformOwnedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(name => !known.Contains(name))
            .ToList();

        Assert.True(unknown.Count == 0, $"Set in infra/app/api.bicep but read by no code (add to AppSettings or remove): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void FunctionAppTemplate_SecretSettings_AreKeyVaultReferences()
    {
        var settings = FunctionAppSettings();

        var notReferences = AppSettings.Secrets
            .Where(name => !settings.TryGetValue(name, out var value) || !value.Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal))
            .ToList();

        Assert.True(notReferences.Count == 0, $"Secret settings that are not Key Vault references: {string.Join(", ", notReferences)}");
    }

    [Fact]
    public void FunctionAppTemplate_HostStorage_UsesTheManagedIdentity()
    {
        var settings = FunctionAppSettings();

        Assert.Equal("managedidentity", settings.GetValueOrDefault($"{AppSettings.HostStorage}__credential"));
    }

    /// <summary>
    /// The app settings (name → value or ARM expression) of the Microsoft.Web/sites/config 'appsettings' resource,
    /// found anywhere in the compiled infra/main.bicep (modules compile to nested deployments).
    /// </summary>
    private static Dictionary<string, string> FunctionAppSettings()
    {
        var template = BicepCli.BuildMainTemplate();
        var resources = TemplateJson.Descendants(template)
            .OfType<JsonObject>()
            .Where(o => (string?)o["type"] == "Microsoft.Web/sites/config"
                        && ((string?)o["name"])?.Contains("appsettings", StringComparison.Ordinal) == true)
            .ToList();

        var appSettings = Assert.Single(resources);
        var properties = Assert.IsType<JsonObject>(appSettings["properties"]);
        return properties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
    }
}
