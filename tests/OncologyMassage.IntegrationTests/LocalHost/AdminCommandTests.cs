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
    public async Task CoordinatorAdd_ForAnExistingVenue_SignsInByObjectIdAndByEmail()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        var oid = Guid.NewGuid().ToString();

        var code = await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria Lopez", "--email", "Maria@Clinic.example",
            "--venues", DemoVenues.All[0].Id, "--oid", oid);

        Assert.Equal(0, code);
        Assert.Equal("maria", (await Coordinators.FindByPrincipalAsync(oid, null, Ct))?.Id);
        var byEmail = await Coordinators.FindByPrincipalAsync(null, "maria@clinic.example", Ct);
        Assert.Equal("maria", byEmail?.Id);
        Assert.Equal([DemoVenues.All[0].Id], byEmail!.VenueIds);
        Assert.Equal(0, await RunAsync("coordinator", "list"));
        Assert.Contains($"maria\tMaria Lopez\tMaria@Clinic.example\t{DemoVenues.All[0].Id}\toid {oid}", output.ToString(), StringComparison.Ordinal);
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
    public async Task CoordinatorAdd_AgainWithANewEmailThenRemove_OldEmailStopsAtOnceAndRemoveStopsAll()
    {
        await Venues.UpsertAsync(DemoVenues.All[0], Ct);
        var oid = Guid.NewGuid().ToString();
        var venue = DemoVenues.All[0].Id;
        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@old.example", "--venues", venue, "--oid", oid);

        await RunAsync("coordinator", "add", "--id", "maria", "--name", "Maria", "--email", "maria@new.example", "--venues", venue);
        var oldEmail = await Coordinators.FindByPrincipalAsync(null, "maria@old.example", Ct);
        var oldOid = await Coordinators.FindByPrincipalAsync(oid, null, Ct);
        var newEmail = await Coordinators.FindByPrincipalAsync(null, "maria@new.example", Ct);
        var removed = await RunAsync("coordinator", "remove", "--id", "maria");
        var again = await RunAsync("coordinator", "remove", "--id", "maria");

        Assert.Equal((null, null, "maria"), (oldEmail?.Id, oldOid?.Id, newEmail?.Id));
        Assert.Equal((0, AdminCommands.Refused), (removed, again));
        Assert.Null(await Coordinators.FindByPrincipalAsync(null, "maria@new.example", Ct));
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
