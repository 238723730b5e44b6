using System.Text.Json;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>export --referral &lt;id&gt; [--out &lt;file&gt;]</c>: writes everything stored about the referral's client as one JSON
/// document (schema: docs/privacy.md) to the file, or to standard output. The export is audited on the referral.
/// </summary>
internal static class ExportCommand
{
    public const string Name = "export";

    private static readonly JsonSerializerOptions Indented = new(AppJson.Options) { WriteIndented = true };

    private const string Usage = """
        usage: export --referral <referral id> [--out <file.json>]
               [--by "<operator>"] [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
        """;

    public static async Task<int> RunAsync(string[] words, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var referral = configuration["referral"];
        if (words.Length > 0 || !ReferralScope.IsReferralId(referral))
        {
            await error.WriteLineAsync(Usage);
            return AdminCommands.Refused;
        }

        await using var storage = await AdminStorage.OpenAsync(configuration);
        var export = storage.Services.GetRequiredService<ReferralExport>();
        var services = storage.Services;
        if (await services.GetRequiredService<Workflow.Ports.IReferralStore>().GetAsync(referral!, CancellationToken.None) is null)
        {
            await error.WriteLineAsync($"There is no referral {referral}.");
            return AdminCommands.Refused;
        }

        await services.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEntry(referral!, AuditCallers.Admin, storage.Operator, ReferralExport.AuditAction, services.GetRequiredService<TimeProvider>().GetUtcNow()),
            CancellationToken.None);
        var document = await export.BuildAsync(referral!, CancellationToken.None);
        var json = JsonSerializer.Serialize(document, Indented);
        if (configuration["out"] is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, json);
            await output.WriteLineAsync($"Wrote the export of {referral} to {file} (schema version {ReferralExportDocument.CurrentSchemaVersion}). It holds health information: keep it safe.");
        }
        else
        {
            await output.WriteLineAsync(json);
        }

        return 0;
    }
}
