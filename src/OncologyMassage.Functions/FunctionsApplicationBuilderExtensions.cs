using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure;

namespace OncologyMassage.Functions;

/// <summary>Everything the Functions app adds on top of the shared services.</summary>
public static class FunctionsApplicationBuilderExtensions
{
    public static FunctionsApplicationBuilder AddOncologyMassageFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOncologyMassage(builder.Configuration);
        builder.Services.AddScoped<ReferralFunctions>();
        return builder;
    }
}
