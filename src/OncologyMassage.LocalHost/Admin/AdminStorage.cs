using Azure.Identity;
using DurableTask.AzureStorage;
using DurableTask.Core;
using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Configuration;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Engine;
using OncologyMassage.Workflow.Access;

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

    private readonly IConfiguration configuration;

    private AdminStorage(ServiceProvider services, AzuriteInstance? azurite, IConfiguration configuration) =>
        (this.services, this.azurite, this.configuration) = (services, azurite, configuration);

    public IServiceProvider Services => services;

    /// <summary>
    /// Who runs the command, for the audit: <c>--by &lt;name&gt;</c>, or the operating-system user and machine.
    /// </summary>
    public string Operator => configuration["by"] is { Length: > 0 } by ? by : $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>
    /// A Durable Task client on the app's task hub (<c>--DurableTaskHubName=&lt;hub&gt;</c>, as in the app settings; locally
    /// <c>LocalHost:TaskHubName</c> or its default), in the same storage account, for terminating and purging
    /// instances. It needs no running worker: a termination takes effect when the app's worker next runs.
    /// </summary>
    public TaskHubDurableTaskClient CreateDurableClient()
    {
        var hub = configuration[AppSettings.TaskHubName] is { Length: > 0 } name ? name
            : configuration[$"{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.TaskHubName)}"] is { Length: > 0 } local ? local
            : new LocalHostOptions().TaskHubName;
        var connectionString = configuration[AppSettings.HostStorage];
        var provider = !string.IsNullOrWhiteSpace(connectionString)
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(
                configuration.GetSection(AppSettings.HostStorage)["accountName"] ?? throw new InvalidOperationException("Name the storage account."),
                new DefaultAzureCredential());
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = provider,
            TaskHubName = hub,
            LoggerFactory = loggers,
        });
        return new TaskHubDurableTaskClient(new TaskHubClient(service, CoreDataConverter.Instance, loggers), service);
    }

    /// <summary>Audits the command itself (partition <see cref="AuditPartitions.Admin"/>): who ran which command, when; never its arguments.</summary>
    public Task RecordCommandAsync(string command, CancellationToken cancellationToken) =>
        services.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEntry(AuditPartitions.Admin, AuditCallers.Admin, Operator, command, services.GetRequiredService<TimeProvider>().GetUtcNow()), cancellationToken);

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
        var storage = new AdminStorage(services, azurite, configuration);
        if (configuration[AdminCommands.CommandKey] is { Length: > 0 } command)
        {
            await storage.RecordCommandAsync(command, CancellationToken.None);
        }

        return storage;
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
