using System.Text.RegularExpressions;
using Azure.Data.Tables;
using OncologyMassage.Infrastructure;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Admin;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>
/// The clinic's admin commands (practice-key, venue, coordinator) against Azurite, the way an operator runs them against
/// Azure: through <see cref="AdminCommands.TryRunAsync"/> with the storage on the command line, then read back through
/// the app's own stores.
/// </summary>
public sealed class AdminCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string prefix = "a" + Guid.NewGuid().ToString("N")[..12];
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
    }

    private StorageTables Tables => new(new TableServiceClient(azurite.ConnectionString),
        Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = prefix }));

    private TableCoordinatorStore Coordinators => new(Tables);

    private TableVenueStore Venues => new(Tables);

    private async Task<int> RunAsync(params string[] args) =>
        await AdminCommands.TryRunAsync([.. args, $"--AzureWebJobsStorage={azurite.ConnectionString}", $"--Storage:TablePrefix={prefix}"], output, error)
            ?? throw new InvalidOperationException($"'{args[0]}' is not an admin command.");

    private static string Sample(string name) => Path.Combine(RepositoryRoot.Find(), "docs", "samples", name);

    [Fact]
    public async Task VenueAdd_TheSampleFile_StoresTheVenueAndListShowsIt()
    {
        var added = await RunAsync("venue", "add", "--file", Sample("venue.json"));
        var listed = await RunAsync("venue", "list");

        Assert.Equal((0, 0), (added, listed));
        var venue = await Venues.GetAsync("riverside-infusion-center", Ct);
        Assert.Equal(("Riverside Infusion Center", 2, TimeSpan.FromMinutes(30)), (venue?.Name, venue?.Therapists.Count, venue?.SessionLength));
        Assert.Contains("Added venue riverside-infusion-center", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("riverside-infusion-center\tInfusionCenter\tAmerica/New_York", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VenueAdd_AnUnknownTimeZoneAndNoTherapists_Refused2AndWritesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"venue-{Guid.NewGuid():N}.json");
        var json = (await File.ReadAllTextAsync(Sample("venue.json"), Ct)).Replace("America/New_York", "Mars/Olympus_Mons", StringComparison.Ordinal);
        json = Regex.Replace(json, @"""therapists"": \[.*\]", @"""therapists"": []", RegexOptions.Singleline);
        await File.WriteAllTextAsync(file, json, Ct);
        try
        {
            var code = await RunAsync("venue", "add", "--file", file);

            Assert.Equal(AdminCommands.Refused, code);
            Assert.Contains("timeZone", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("therapists", error.ToString(), StringComparison.Ordinal);
            Assert.Null(await Venues.GetAsync("riverside-infusion-center", Ct));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CoordinatorAdd_ForAnExistingVenue_SignsInByObjectIdOnly()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        var oid = Guid.NewGuid().ToString();

        var code = await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria Lopez", "--email", "Maria@Clinic.example",
            "--venues", DemoVenues.All[0].Id, "--oid", oid);

        Assert.Equal(0, code);
        var byOid = await Coordinators.FindByObjectIdAsync(oid, Ct);
        Assert.Equal("maria", byOid?.Id);
        Assert.Equal([DemoVenues.All[0].Id], byOid!.VenueIds);
        Assert.Equal(0, await RunAsync("coordinator", "list"));
        Assert.Contains($"maria\tMaria Lopez\tMaria@Clinic.example\t{DemoVenues.All[0].Id}\toid {oid}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoordinatorBind_ByEmailWhenUnbound_BindsTheObjectIdOnce()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example", "--venues", DemoVenues.All[0].Id);
        var oid = Guid.NewGuid().ToString();

        var code = await RunAsync("coordinator", "bind", "--email", "Maria@Clinic.Example", "--oid", oid.ToUpperInvariant());

        Assert.Equal(0, code);
        Assert.Equal("maria", (await Coordinators.FindByObjectIdAsync(oid, Ct))?.Id);
    }

    [Fact]
    public async Task CoordinatorBind_AlreadyBoundToAnotherObjectId_Refused2AndKeepsTheFirst()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        var first = Guid.NewGuid().ToString();
        var second = Guid.NewGuid().ToString();
        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example", "--venues", DemoVenues.All[0].Id, "--oid", first);

        var code = await RunAsync("coordinator", "bind", "--id", "maria", "--oid", second);

        Assert.Equal(AdminCommands.Refused, code);
        Assert.Contains("already bound", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(("maria", null), ((await Coordinators.FindByObjectIdAsync(first, Ct))?.Id, (await Coordinators.FindByObjectIdAsync(second, Ct))?.Id));
    }

    [Fact]
    public async Task CoordinatorBind_AnotherCoordinatorsObjectId_Refused2AndWritesNothing()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        var oid = Guid.NewGuid().ToString();
        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example", "--venues", DemoVenues.All[0].Id, "--oid", oid);
        await RunAsync("coordinator", "add", "--id", "ana", "--name", "Ana", "--email", "ana@clinic.example", "--venues", DemoVenues.All[0].Id);

        var code = await RunAsync("coordinator", "bind", "--id", "ana", "--oid", oid);

        Assert.Equal(AdminCommands.Refused, code);
        Assert.Equal(("maria", null), ((await Coordinators.FindByObjectIdAsync(oid, Ct))?.Id, (await Coordinators.GetAsync("ana", Ct))?.PrincipalObjectId));
    }

    [Theory]
    [InlineData("--oid", "00000000-0000-4000-8000-000000000001")]
    [InlineData("--id", "maria", "--email", "maria@clinic.example", "--oid", "00000000-0000-4000-8000-000000000001")]
    [InlineData("--id", "maria", "--oid", "not-a-guid")]
    [InlineData("--id", "nobody", "--oid", "00000000-0000-4000-8000-000000000001")]
    public async Task CoordinatorBind_InvalidOptionsOrUnknownCoordinator_Refused2(params string[] options)
    {
        var code = await RunAsync(["coordinator", "bind", .. options]);

        Assert.Equal(AdminCommands.Refused, code);
        Assert.Null(await Coordinators.FindByObjectIdAsync("00000000-0000-4000-8000-000000000001", Ct));
    }

    [Fact]
    public async Task CoordinatorAdd_AVenueThatDoesNotExist_Refused2AndWritesNothing()
    {
        var code = await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria Lopez", "--email", "maria@clinic.example", "--venues", "no-such-venue");

        Assert.Equal(AdminCommands.Refused, code);
        Assert.Contains("No such venue: no-such-venue", error.ToString(), StringComparison.Ordinal);
        Assert.Null(await Coordinators.GetAsync("maria", Ct));
    }

    [Theory]
    [InlineData("id must be a slug", "--id", "Maria!", "--name", "Maria", "--email", "maria@clinic.example", "--venues", "harbor-infusion-center")]
    [InlineData("'email' is not a valid email address", "--id", "maria", "--name", "Maria", "--email", "not-an-email", "--venues", "harbor-infusion-center")]
    [InlineData("venues must name at least one venue", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example")]
    [InlineData("oid must be the Entra ID object id", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example", "--venues", "harbor-infusion-center", "--oid", "x")]
    public async Task CoordinatorAdd_InvalidOptions_Refused2WithTheReason(string reason, params string[] options)
    {
        var code = await RunAsync(["coordinator", "add", .. options]);

        Assert.Equal(AdminCommands.Refused, code);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Null(await Coordinators.GetAsync("maria", Ct));
    }

    [Fact]
    public async Task CoordinatorAdd_AgainWithANewObjectIdThenRemove_OldObjectIdStopsAtOnceAndRemoveStopsAll()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        var oldOid = Guid.NewGuid().ToString();
        var newOid = Guid.NewGuid().ToString();
        var venue = DemoVenues.All[0].Id;
        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example", "--venues", venue, "--oid", oldOid);

        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@clinic.example", "--venues", venue, "--oid", newOid);
        var byOld = await Coordinators.FindByObjectIdAsync(oldOid, Ct);
        var byNew = await Coordinators.FindByObjectIdAsync(newOid, Ct);
        var removed = await RunAsync("coordinator", "remove", "--id", "maria");
        var again = await RunAsync("coordinator", "remove", "--id", "maria");

        Assert.Equal((null, "maria"), (byOld?.Id, byNew?.Id));
        Assert.Equal((0, AdminCommands.Refused), (removed, again));
        Assert.Null(await Coordinators.FindByObjectIdAsync(newOid, Ct));
        Assert.Null(await Coordinators.GetAsync("maria", Ct));
    }

    [Fact]
    public async Task PracticeKey_NewPractice_PrintsAKeyOnceThatIdentifiesThePractice()
    {
        var code = await RunAsync("practice-key", "--id", "harbor-oncology", "--name", "Harbor Oncology");

        Assert.Equal(0, code);
        var key = Regex.Match(output.ToString(), @"^\s+(\S{20,})\s*$", RegexOptions.Multiline).Groups[1].Value;
        var practice = await new TablePracticeKeyStore(Tables, TimeProvider.System).FindAsync(key, Ct);
        Assert.Equal(("harbor-oncology", "Harbor Oncology"), (practice?.Id, practice?.Name));
    }

    [Theory]
    [InlineData("venue")]
    [InlineData("venue", "add")]
    [InlineData("coordinator", "promote")]
    [InlineData("coordinator", "remove")]
    public async Task AdminCommand_IncompleteOrUnknownVerb_Refused2WithUsage(params string[] args)
    {
        var code = await RunAsync(args);

        Assert.Equal(AdminCommands.Refused, code);
        Assert.StartsWith("usage:", error.ToString().TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryRunAsync_NotAnAdminCommand_LeavesItToTheHost()
    {
        Assert.Null(await AdminCommands.TryRunAsync(["--demo"], output, error));
    }
}
