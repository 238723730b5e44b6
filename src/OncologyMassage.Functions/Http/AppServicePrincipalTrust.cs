using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Whether the <c>x-ms-client-principal</c> header may be believed. <see cref="AuthOptions.TrustAppServicePrincipal"/>
/// asks for it, but only App Service authentication strips forged copies of the header, and App Service tells the app it
/// runs by setting <c>WEBSITE_AUTH_ENABLED=True</c>. Asked for without it, the trust is refused: the header is never
/// read and every coordinator caller gets a 503 problem (nothing is read or written) until authentication is turned on;
/// the practice API, client links and webhooks keep working.
/// </summary>
public sealed class AppServicePrincipalTrust
{
    /// <summary>The environment variable App Service sets to "True" when its authentication module runs in front of the app.</summary>
    public const string PlatformSetting = "WEBSITE_AUTH_ENABLED";

    public AppServicePrincipalTrust(IOptions<AuthOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        Requested = options.Value.TrustAppServicePrincipal;
        PlatformAuthenticationOn = bool.TryParse(configuration[PlatformSetting], out var on) && on;
    }

    /// <summary>The configuration asks to trust the header.</summary>
    public bool Requested { get; }

    /// <summary>App Service says its authentication runs.</summary>
    public bool PlatformAuthenticationOn { get; }

    /// <summary>The header is believed: asked for, and App Service authentication is on.</summary>
    public bool Trusted => Requested && PlatformAuthenticationOn;

    /// <summary>Asked for without App Service authentication: no coordinator is served at all.</summary>
    public bool Refused => Requested && !PlatformAuthenticationOn;
}

/// <summary>Says once, at start-up, that the principal trust was refused and why.</summary>
public sealed partial class AppServicePrincipalTrustCheck(AppServicePrincipalTrust trust, ILogger<AppServicePrincipalTrustCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (trust.Refused)
        {
            LogRefused(logger, AppServicePrincipalTrust.PlatformSetting);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9200, Level = LogLevel.Critical,
        Message = "Auth:TrustAppServicePrincipal is true but App Service authentication is off ({PlatformSetting} is not True): the x-ms-client-principal header is not trusted and coordinator routes answer 503 until authentication is turned on (infra/app/api.bicep authsettingsV2)")]
    private static partial void LogRefused(ILogger logger, string platformSetting);
}
