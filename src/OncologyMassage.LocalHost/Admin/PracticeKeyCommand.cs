using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>practice-key --id harbor --name "Harbor Oncology"</c>: issues a new API key for a referring practice and prints
/// it once (only its hash is stored). A practice keeps its two newest keys, so issuing a third revokes the oldest.
/// </summary>
internal static class PracticeKeyCommand
{
    public const string Name = "practice-key";

    public static async Task<int> RunAsync(string[] words, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var (id, name) = (configuration["id"], configuration["name"]);
        if (words.Length > 0 || string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name) || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,62}$"))
        {
            await error.WriteLineAsync("""
                usage: practice-key --id <practice-id> --name "<practice name>" [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
                       practice-id: lower-case letters, digits and dashes
                """);
            return AdminCommands.Refused;
        }

        await using var storage = await AdminStorage.OpenAsync(configuration);
        var key = PracticeKeys.NewKey();
        var store = storage.Services.GetRequiredService<IPracticeKeyStore>();
        await store.AddKeyAsync(new Practice(id, name), key, CancellationToken.None);
        var active = await store.ListAsync(id, CancellationToken.None);
        await output.WriteLineAsync($"""
            New API key for {name} ({id}); it is shown only now, so hand it over securely:

                {key}

            The practice sends it as: {PracticeKeys.Header}: <key>. Active keys for {id}: {active.Count} (the newest {TablePracticeKeyStore.ActiveKeysPerPractice} stay valid).
            """);
        return 0;
    }
}
