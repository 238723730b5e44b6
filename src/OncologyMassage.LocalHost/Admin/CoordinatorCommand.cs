using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>coordinator add --id maria --name "Maria Lopez" --email maria@clinic.example --venues harbor-infusion-center[,…]
/// [--oid &lt;Entra object id&gt;]</c> adds a coordinator or replaces the one with that id; <c>coordinator remove --id
/// maria</c> takes away their access; <c>coordinator list</c> lists them. A coordinator signs in with Entra ID and is
/// matched by object id, then by e-mail; they see and act on the listed venues only, which must exist.
/// </summary>
internal static class CoordinatorCommand
{
    public const string Name = "coordinator";

    private const string Usage = """
        usage: coordinator add --id <id> --name "<name>" --email <e-mail> --venues <venue-id>[,<venue-id>…] [--oid <Entra object id>]
               coordinator remove --id <id>
               coordinator list
               [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
        """;

    public static async Task<int> RunAsync(string[] words, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        switch (words)
        {
            case ["add"]:
                return await AddAsync(configuration, output, error);
            case ["remove"] when configuration["id"] is { Length: > 0 } id:
                await using (var storage = await AdminStorage.OpenAsync(configuration))
                {
                    var removed = await storage.Services.GetRequiredService<ICoordinatorStore>().RemoveAsync(id, CancellationToken.None);
                    await (removed ? output : error).WriteLineAsync(removed ? $"Removed coordinator {id}: they can no longer sign in." : $"There is no coordinator {id}.");
                    return removed ? 0 : AdminCommands.Refused;
                }

            case ["list"]:
                await using (var storage = await AdminStorage.OpenAsync(configuration))
                {
                    foreach (var c in await storage.Services.GetRequiredService<ICoordinatorStore>().ListAsync(CancellationToken.None))
                    {
                        await output.WriteLineAsync($"{c.Id}\t{c.Name}\t{c.Email}\t{string.Join(',', c.VenueIds)}\t{(c.PrincipalObjectId is null ? "by e-mail" : "oid " + c.PrincipalObjectId)}");
                    }
                }

                return 0;
            default:
                await error.WriteLineAsync(Usage);
                return AdminCommands.Refused;
        }
    }

    private static async Task<int> AddAsync(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var coordinator = new Coordinator(
            configuration["id"] ?? "",
            configuration["name"] ?? "",
            configuration["email"] ?? "",
            (configuration["venues"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            configuration["oid"] is { Length: > 0 } oid ? oid : null);
        var result = await new CoordinatorValidator().ValidateAsync(coordinator);
        if (!result.IsValid)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => "  " + e.ErrorMessage).Prepend(Usage)));
            return AdminCommands.Refused;
        }

        await using var storage = await AdminStorage.OpenAsync(configuration);
        var venues = storage.Services.GetRequiredService<IVenueStore>();
        var unknown = new List<string>();
        foreach (var venueId in coordinator.VenueIds)
        {
            if (await venues.GetAsync(venueId, CancellationToken.None) is null)
            {
                unknown.Add(venueId);
            }
        }

        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"No such venue: {string.Join(", ", unknown)}. Add it first with: venue add --file <venue.json>");
            return AdminCommands.Refused;
        }

        var store = storage.Services.GetRequiredService<ICoordinatorStore>();
        var existed = await store.GetAsync(coordinator.Id, CancellationToken.None) is not null;
        await store.UpsertAsync(coordinator, CancellationToken.None);
        await output.WriteLineAsync(
            $"{(existed ? "Replaced" : "Added")} coordinator {coordinator.Id} ({coordinator.Name}) for {string.Join(", ", coordinator.VenueIds)}; "
            + $"they sign in with Entra ID as {(coordinator.PrincipalObjectId is null ? coordinator.Email : "object id " + coordinator.PrincipalObjectId)}.");
        return 0;
    }
}
