using System.Text.Json;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Infrastructure;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>venue add --file venue.json</c> adds a venue or replaces the one with its id (sample: docs/samples/venue.json);
/// <c>venue list</c> lists them. A venue is checked with <see cref="VenueValidator"/> first, and nothing is written when
/// it is refused. A changed consent document needs a new version: signatures keep the version and hash they signed.
/// </summary>
internal static class VenueCommand
{
    public const string Name = "venue";

    private const string Usage = """
        usage: venue add --file <venue.json>     add a venue, or replace the one with the same id (sample: docs/samples/venue.json)
               venue list                        the venues, one a line
               [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
        """;

    public static async Task<int> RunAsync(string[] words, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        switch (words)
        {
            case ["add"] when configuration["file"] is { Length: > 0 } file:
                return await AddAsync(file, configuration, output, error);
            case ["list"]:
                await using (var storage = await AdminStorage.OpenAsync(configuration))
                {
                    foreach (var venue in await storage.Services.GetRequiredService<IVenueStore>().ListAsync(CancellationToken.None))
                    {
                        await output.WriteLineAsync($"{venue.Id}\t{venue.Type}\t{venue.TimeZone}\t{venue.Name}\t{venue.Therapists.Count} therapist(s)\tconsent {venue.Consent.Version}");
                    }
                }

                return 0;
            default:
                await error.WriteLineAsync(Usage);
                return AdminCommands.Refused;
        }
    }

    /// <summary>
    /// A relative path as the operator meant it: <c>dotnet run --project</c> starts the command in the project's folder,
    /// so it is looked up from the shell's folder (PWD) and the repository root as well.
    /// </summary>
    private static string Resolve(string file) =>
        Path.IsPathRooted(file)
            ? file
            : new[] { Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("PWD"), RepositoryRoot.Find() }
                .OfType<string>()
                .Select(folder => Path.Combine(folder, file))
                .FirstOrDefault(File.Exists) ?? file;

    private static async Task<int> AddAsync(string file, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        file = Resolve(file);
        Venue? venue;
        try
        {
            venue = JsonSerializer.Deserialize<Venue>(await File.ReadAllTextAsync(file), AppJson.Options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await error.WriteLineAsync($"{file}: {ex.Message}");
            return AdminCommands.Refused;
        }

        var result = venue is null ? null : await new VenueValidator().ValidateAsync(venue);
        if (venue is null || result is { IsValid: false })
        {
            await error.WriteLineAsync($"{file} is not a venue this app can use:");
            foreach (var failure in result?.Errors ?? [])
            {
                await error.WriteLineAsync($"  {failure.PropertyName}: {failure.ErrorMessage}");
            }

            return AdminCommands.Refused;
        }

        await using var storage = await AdminStorage.OpenAsync(configuration);
        var store = storage.Services.GetRequiredService<IVenueStore>();
        var existed = await store.GetAsync(venue.Id, CancellationToken.None) is not null;
        await store.UpsertAsync(venue, CancellationToken.None);
        await output.WriteLineAsync($"{(existed ? "Replaced" : "Added")} venue {venue.Id} ({venue.Name}): {venue.Therapists.Count} therapist(s), consent version {venue.Consent.Version}.");
        return 0;
    }
}
