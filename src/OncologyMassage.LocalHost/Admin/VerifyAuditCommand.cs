using OncologyMassage.Workflow.Access;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>verify-audit [--referral &lt;id&gt;]</c>: recomputes the audit's hash chains (every partition, or one referral's) and
/// names each entry that was changed or removed. Exit code 0 when intact, 1 when not.
/// </summary>
internal static class VerifyAuditCommand
{
    public const string Name = "verify-audit";

    public static async Task<int> RunAsync(string[] words, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (words.Length > 0 || configuration["referral"] is { Length: 0 })
        {
            await error.WriteLineAsync("""
                usage: verify-audit [--referral <referral id>] [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
                """);
            return AdminCommands.Refused;
        }

        await using var storage = await AdminStorage.OpenAsync(configuration);
        var result = await storage.Services.GetRequiredService<IAuditLog>().VerifyAsync(configuration["referral"], CancellationToken.None);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"The audit is intact: {result.Entries} entries in {result.Partitions} chain(s).");
            return 0;
        }

        await error.WriteLineAsync($"The audit was tampered with: {result.Problems.Count} problem(s) in {result.Entries} entries of {result.Partitions} chain(s).");
        foreach (var problem in result.Problems)
        {
            await error.WriteLineAsync("  " + problem);
        }

        return AdminCommands.Failed;
    }
}
