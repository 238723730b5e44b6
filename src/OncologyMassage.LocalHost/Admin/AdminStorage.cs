using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Configuration;
using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// The app's services for an admin command: against the storage the configuration names (for Azure,
/// <c>--AzureWebJobsStorage:accountName=&lt;account&gt;</c> after <c>az login</c>, with Storage Table Data Contributor), or
/// against the local host's own Azurite (its data folder) when it names none.
/// </summary>
public sealed class AdminStorage : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AzuriteInstance? azurite;

    private AdminStorage(ServiceProvider services, AzuriteInstance? azurite) => (this.services, this.azurite) = (services, azurite);

    public IServiceProvider Services => services;

    public static async Task<AdminStorage> OpenAsync(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AzuriteInstance? azurite = null;
        if (string.IsNullOrEmpty(configuration[AppSettings.HostStorage]) && !configuration.GetSection(AppSettings.HostStorage).GetChildren().Any())
        {
            azurite = await AzuriteLauncher.StartAsync(Path.Combine(RepositoryRoot.Find(), ".localhost-data", "azurite"));
            configuration[AppSettings.HostStorage] = azurite.ConnectionString;
        }

        var services = new ServiceCollection().AddLogging().AddSingleton(configuration).AddOncologyMassage(configuration).BuildServiceProvider();
        return new AdminStorage(services, azurite);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
