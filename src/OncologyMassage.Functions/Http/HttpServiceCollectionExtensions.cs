using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Functions.Http;

/// <summary>The app's services plus what the HTTP functions need, registered the same way by the Functions app and the local host.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddOncologyMassageHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOncologyMassage(configuration);
        services.AddSingleton<PracticeAuthentication>();

        // Failed authentication is rate-limited per client address in both hosts (issue #13 item 5).
        services.AddOptions<FailedAuthenticationOptions>().BindConfiguration(FailedAuthenticationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedAuthenticationLimiter>();

        // Coordinators (issue #7): one authentication for both caller kinds, and the scope check every referral route uses.
        services.AddSingleton<CrossSiteRequestGuard>();

        // The client's address behind trusted proxies only (release and consent evidence).
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName)
            .Validate(o => ProxyOptions.TryParse(o.TrustedProxies, out _), "Proxy:TrustedProxies must be a comma-separated list of IP addresses or CIDR ranges.")
            .ValidateOnStart();
        services.AddSingleton<ClientAddresses>();

        services.AddSingleton<AppServicePrincipalTrust>();
        services.AddHostedService<AppServicePrincipalTrustCheck>(); // says so at start-up when the principal trust is refused
        services.AddSingleton<CallerAuthentication>();
        services.AddSingleton<ReferralScope>();
        services.AddSingleton<Access.CallerGate>(); // both hosts run it before every HTTP function
        services.AddSingleton<OncologyMassage.Fhir.FhirBundleValidator>(); // core R4 definitions, loaded once on first use (docs/fhir.md)

        // Client-link forms as slices (issue 18 item 1): pages rendered from Razor components, one endpoint adapter, a handler per form.
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<ClientFormEndpoint>();
        services.AddSingleton<ReleaseAnswerHandler>();
        services.AddSingleton<ConsentAnswerHandler>();
        services.AddSingleton<IntakeAnswerHandler>();
        return services;
    }
}
