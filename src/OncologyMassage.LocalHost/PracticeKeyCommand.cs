using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Configuration;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.LocalHost;

/// <summary>
/// <c>dotnet run --project src/OncologyMassage.LocalHost -- practice-key --id harbor --name "Harbor Oncology"</c>:
/// issues a new API key for a referring practice and prints it once (only its hash is stored). A practice keeps its two
/// newest keys, so issuing a third revokes the oldest. Without storage settings it writes to the local host's Azurite;
/// with <c>--AzureWebJobsStorage:accountName=&lt;account&gt;</c> (and <c>az login</c>) it writes to Azure.
/// </summary>
public static class PracticeKeyCommand
{
    public const string Name = "practice-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var (id, name) = (configuration["id"], configuration["name"]);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name) || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,62}$"))
        {
            await Console.Error.WriteLineAsync("""
                usage: practice-key --id <practice-id> --name "<practice name>" [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
                       practice-id: lower-case letters, digits and dashes
                """);
            return 2;
        }

        AzuriteInstance? azurite = null;
        if (string.IsNullOrEmpty(configuration[AppSettings.HostStorage]) && !configuration.GetSection(AppSettings.HostStorage).GetChildren().Any())
        {
            azurite = await AzuriteLauncher.StartAsync(Path.Combine(RepositoryRoot.Find(), ".localhost-data", "azurite"));
            configuration[AppSettings.HostStorage] = azurite.ConnectionString;
        }

        try
        {
            var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddOncologyMassage(configuration).BuildServiceProvider();
            await using (services)
            {
                var key = PracticeKeys.NewKey();
                var store = services.GetRequiredService<IPracticeKeyStore>();
                await store.AddKeyAsync(new Practice(id, name), key, CancellationToken.None);
                var active = await store.ListAsync(id, CancellationToken.None);
                Console.WriteLine($"""
                    New API key for {name} ({id}); it is shown only now, so hand it over securely:

                        {key}

                    The practice sends it as: {PracticeKeys.Header}: <key>. Active keys for {id}: {active.Count} (the newest {TablePracticeKeyStoreLimit} stay valid).
                    """);
            }

            return 0;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private const int TablePracticeKeyStoreLimit = Infrastructure.Tables.TablePracticeKeyStore.ActiveKeysPerPractice;
}
