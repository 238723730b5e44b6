using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>coordinator add --id maria --name "Maria Lopez" --email maria@clinic.example --venues harbor-infusion-center[,…]
/// [--oid &lt;Entra object id&gt;]</c> adds a coordinator or replaces the one with that id; <c>coordinator bind --email
/// maria@clinic.example --oid &lt;object id&gt;</c> (or <c>--id maria</c>) binds the Entra object id of a coordinator added
/// without one, once; <c>coordinator remove --id maria</c> takes away their access; <c>coordinator list</c> lists them.
/// A coordinator signs in with Entra ID and is matched by object id only (never by the e-mail claim); they see and act
/// on the listed venues only, which must exist. Every check runs before anything is written; a refusal writes nothing
/// and exits 2.
/// </summary>
internal static class CoordinatorCommand
{
    public const string Name = "coordinator";

    private const string Usage = """
        usage: coordinator add --id <id> --name "<name>" --email <e-mail> --venues <venue-id>[,<venue-id>…] [--oid <Entra object id>]
               coordinator bind (--id <id> | --email <e-mail>) --oid <Entra object id>
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
            case ["bind"]:
                return await BindAsync(configuration, output, error);
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
                        await output.WriteLineAsync($"{c.Id}\t{c.Name}\t{c.Email}\t{string.Join(',', c.VenueIds)}\t{(c.PrincipalObjectId is null ? "not bound: coordinator bind --id " + c.Id + " --oid <object id>" : "oid " + c.PrincipalObjectId)}");
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
            configuration["oid"] is { Length: > 0 } oid ? (Guid.TryParse(oid, out var parsed) ? parsed.ToString("D") : oid) : null);
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
        if (await OtherOwnerAsync(store, coordinator.PrincipalObjectId, coordinator.Id) is { } owner)
        {
            await error.WriteLineAsync($"Object id {coordinator.PrincipalObjectId} already signs in as coordinator {owner}; one person, one coordinator.");
            return AdminCommands.Refused;
        }

        var existed = await store.GetAsync(coordinator.Id, CancellationToken.None) is not null;
        await store.UpsertAsync(coordinator, CancellationToken.None);
        await output.WriteLineAsync(
            $"{(existed ? "Replaced" : "Added")} coordinator {coordinator.Id} ({coordinator.Name}) for {string.Join(", ", coordinator.VenueIds)}; "
            + (coordinator.PrincipalObjectId is null
                ? $"they cannot sign in with Entra ID until you run: coordinator bind --id {coordinator.Id} --oid <their object id>."
                : $"they sign in with Entra ID as object id {coordinator.PrincipalObjectId}."));
        return 0;
    }

    /// <summary>
    /// Binds an Entra object id to a coordinator found by id or by e-mail (case-insensitive), once: a coordinator already
    /// bound to another object id is refused (remove and add them again to change it), as is an object id that is another
    /// coordinator's. Binding the same object id again changes nothing and succeeds.
    /// </summary>
    private static async Task<int> BindAsync(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var id = configuration["id"];
        var email = configuration["email"];
        var oid = configuration["oid"];
        if (string.IsNullOrEmpty(id) == string.IsNullOrEmpty(email) || !Guid.TryParse(oid, out var parsed))
        {
            await error.WriteLineAsync(Usage + Environment.NewLine + "  bind needs --id or --email (one of them) and --oid, the Entra ID object id (a GUID).");
            return AdminCommands.Refused;
        }

        oid = parsed.ToString("D");
        await using var storage = await AdminStorage.OpenAsync(configuration);
        var store = storage.Services.GetRequiredService<ICoordinatorStore>();
        var matches = !string.IsNullOrEmpty(id)
            ? (await store.GetAsync(id, CancellationToken.None) is { } byId ? [byId] : [])
            : (await store.ListAsync(CancellationToken.None)).Where(c => string.Equals(c.Email.Trim(), email!.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count != 1)
        {
            await error.WriteLineAsync(matches.Count == 0
                ? $"There is no coordinator {id ?? email}."
                : $"{matches.Count} coordinators have the e-mail {email}: bind with --id ({string.Join(", ", matches.Select(c => c.Id))}).");
            return AdminCommands.Refused;
        }

        var coordinator = matches[0];
        if (string.Equals(coordinator.PrincipalObjectId, oid, StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync($"Coordinator {coordinator.Id} is already bound to object id {oid}.");
            return 0;
        }

        if (coordinator.PrincipalObjectId is not null)
        {
            await error.WriteLineAsync($"Coordinator {coordinator.Id} is already bound to another object id; an object id is bound once. "
                + "To change it, remove the coordinator and add them again with --oid.");
            return AdminCommands.Refused;
        }

        if (await OtherOwnerAsync(store, oid, coordinator.Id) is { } owner)
        {
            await error.WriteLineAsync($"Object id {oid} already signs in as coordinator {owner}; one person, one coordinator.");
            return AdminCommands.Refused;
        }

        await store.UpsertAsync(coordinator with { PrincipalObjectId = oid }, CancellationToken.None);
        await output.WriteLineAsync($"Bound coordinator {coordinator.Id} ({coordinator.Name}) to object id {oid}: they sign in with Entra ID from now on.");
        return 0;
    }

    /// <summary>The id of another coordinator that already has <paramref name="objectId"/>, or null.</summary>
    private static async Task<string?> OtherOwnerAsync(ICoordinatorStore store, string? objectId, string coordinatorId) =>
        objectId is not null && await store.FindByObjectIdAsync(objectId, CancellationToken.None) is { } owner && owner.Id != coordinatorId ? owner.Id : null;
}
