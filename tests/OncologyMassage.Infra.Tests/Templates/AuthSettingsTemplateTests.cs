using System.Text.Json.Nodes;

namespace OncologyMassage.Infra.Tests.Templates;

/// <summary>
/// Coordinator identity in Azure (issue 13, item 1): the app may trust the x-ms-client-principal header only where App
/// Service authentication runs in front of it and strips forged copies. Read from the compiled infra/main.bicep.
/// </summary>
public sealed class AuthSettingsTemplateTests
{
    private const string TrustSetting = "Auth__TrustAppServicePrincipal";

    [Fact]
    public void AuthSettings_Platform_IsEnabled()
    {
        var auth = AuthSettings();

        Assert.True(auth["properties"]?["platform"]?["enabled"]?.GetValue<bool>() == true,
            "authsettingsV2 must set platform.enabled: true, or App Service authentication stays off and anyone can send x-ms-client-principal.");
    }

    [Fact]
    public void TrustAppServicePrincipal_WhenTrue_AuthSettingsAreDeployedByTheSameSwitch()
    {
        var auth = AuthSettings();
        var trust = AppSettings()[TrustSetting]?.ToString() ?? "";
        var condition = (string?)auth["condition"];

        // Either authentication is always deployed, or the trust setting is the string form of the very same condition.
        Assert.True(condition is null || (condition.StartsWith('[') && trust == $"[string({condition[1..^1]})]"),
            $"{TrustSetting} is '{trust}' but authsettingsV2 is deployed only when '{condition}': both must derive from one switch.");
    }

    [Fact]
    public void AuthSettings_TokenStore_IsOff()
    {
        var auth = AuthSettings();

        Assert.False(auth["properties"]?["login"]?["tokenStore"]?["enabled"]?.GetValue<bool>() ?? true, "login.tokenStore.enabled must be false.");
    }

    [Fact]
    public void AuthSettings_AllowedPrincipals_ComeFromTheCoordinatorObjectIdsParameter()
    {
        var auth = AuthSettings();

        var identities = auth["properties"]?["identityProviders"]?["azureActiveDirectory"]?["validation"]?["defaultAuthorizationPolicy"]?["allowedPrincipals"]?["identities"];

        Assert.Equal("[parameters('coordinatorObjectIds')]", identities?.ToString());
        Assert.Contains(BicepCli.BuildMainTemplate()["parameters"]!.AsObject(), p => p.Key == "coordinatorObjectIds");
    }

    [Fact]
    public void AuthSettings_UnauthenticatedRequests_StillReachTheAnonymousRoutes()
    {
        var validation = AuthSettings()["properties"]?["globalValidation"];

        // Client links, the practice API and the vendor webhooks carry their own credentials; the app answers 401 on coordinator routes.
        Assert.Equal(("AllowAnonymous", false),
            ((string?)validation?["unauthenticatedClientAction"], validation?["requireAuthentication"]?.GetValue<bool>() ?? true));
    }

    private static JsonObject AuthSettings() => SiteConfig("authsettingsV2");

    private static JsonObject AppSettings() => Assert.IsType<JsonObject>(SiteConfig("appsettings")["properties"]);

    private static JsonObject SiteConfig(string name) => Assert.Single(TemplateJson.Descendants(BicepCli.BuildMainTemplate()).OfType<JsonObject>(),
        o => (string?)o["type"] == "Microsoft.Web/sites/config" && ((string?)o["name"])?.Contains($"'{name}'", StringComparison.Ordinal) == true);
}
