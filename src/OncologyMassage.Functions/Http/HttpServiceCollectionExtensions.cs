using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Infrastructure;

namespace OncologyMassage.Functions.Http;

/// <summary>The app's services plus what the HTTP functions need, registered the same way by the Functions app and the local host.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddOncologyMassageHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOncologyMassage(configuration);
        services.AddSingleton<PracticeAuthentication>();

        // Coordinators (issue #7): one authentication for both caller kinds, and the scope check every referral route uses.
        services.AddSingleton<AppServicePrincipalTrust>();
        services.AddHostedService<AppServicePrincipalTrustCheck>(); // says so at start-up when the principal trust is refused
        services.AddSingleton<CallerAuthentication>();
        services.AddSingleton<ReferralScope>();
        return services;
    }
}
